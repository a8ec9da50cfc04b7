"""A keyring backend for tests only: a JSON file named by $ECMANUAL_TEST_KEYRING.

Subprocesses of the CLI pick it up through PYTHON_KEYRING_BACKEND, so a test can see what the
app stored without touching the machine's real keyring. Never used outside the test suite.
"""

import json
import os
from pathlib import Path

from jaraco.classes import properties
from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    @properties.classproperty
    def priority(cls):
        # keyring scans every loaded backend class; this one is viable only when a test asks for it.
        if "ECMANUAL_TEST_KEYRING" not in os.environ:
            raise RuntimeError("the test keyring is not configured")
        return 1

    def _path(self) -> Path:
        return Path(os.environ["ECMANUAL_TEST_KEYRING"])

    def _load(self) -> dict:
        p = self._path()
        return json.loads(p.read_text()) if p.exists() else {}

    def get_password(self, service, username):
        return self._load().get(f"{service}/{username}")

    def set_password(self, service, username, password):
        data = self._load()
        data[f"{service}/{username}"] = password
        self._path().write_text(json.dumps(data))

    def delete_password(self, service, username):
        data = self._load()
        data.pop(f"{service}/{username}", None)
        self._path().write_text(json.dumps(data))
