"""Certifications: internal (認定制度) and external, with a validity and a renewal rule, and
the awards people hold. A renewal is a new award that supersedes the current one (kept as
history); a passing completion of the certification's course re-issues it with the new date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import training_rules as rules
from ..domain.errors import InputError, NotFound
from ..domain.permissions import Permission
from ..importers.values import clean, name_key
from ..persistence.models import Certification, CertificationAward, Course, JobRole, Staff
from .context import Actor, Database
from .organisation import find_staff
from .records import apply_edit, create_record, get_record
from .training import as_date, find_course, find_role

CERT_FIELDS = ("name", "kind", "issuer", "validity_months", "renewal_rule", "course_id", "required_for_role_id")


def find_certification(s: Session, ref: str | int) -> Certification:
    text = str(ref).strip()
    if text.lstrip("#").isdigit():
        return get_record(s, Certification, int(text.lstrip("#")), "certification")
    k = name_key(text)
    for c in s.scalars(select(Certification)):
        if name_key(c.name) == k:
            return c
    raise NotFound(f"no certification named {text!r}")


@dataclass(frozen=True)
class CertificationInfo:
    """An internal (認定制度) or external certification and its renewal rule."""

    id: int
    name: str
    kind: str
    issuer: str | None
    validity_months: int | None
    renewal_rule: str | None
    course: str | None
    required_for_role: str | None
    version: int


@dataclass(frozen=True)
class AwardInfo:
    """A person's certification award; `superseded_by` is set once it was renewed."""

    id: int
    certification_id: int
    certification: str
    staff_id: int
    staff: str
    issued_on: date
    expires_on: date | None
    superseded_by: int | None
    note: str | None

    @property
    def current(self) -> bool:
        return self.superseded_by is None


def _cert_info(s: Session, c: Certification) -> CertificationInfo:
    course = s.get(Course, c.course_id) if c.course_id else None
    role = s.get(JobRole, c.required_for_role_id) if c.required_for_role_id else None
    return CertificationInfo(c.id, c.name, c.kind, c.issuer, c.validity_months, c.renewal_rule,
                             course.name if course else None, role.name if role else None, c.version)


def _award_info(s: Session, a: CertificationAward) -> AwardInfo:
    return AwardInfo(a.id, a.certification_id, s.get(Certification, a.certification_id).name, a.staff_id,
                     s.get(Staff, a.staff_id).name, a.issued_on, a.expires_on, a.superseded_by_id, a.note)


def list_certifications(db: Database, actor: Actor) -> list[CertificationInfo]:
    actor.require(Permission.VIEW)
    with db.read() as s:
        return [_cert_info(s, c) for c in s.scalars(select(Certification).order_by(Certification.id))]


def _check_cert(s: Session, values: dict[str, Any]) -> dict[str, Any]:
    if "kind" in values and values["kind"] not in ("internal", "external"):
        raise InputError("a certification is internal or external")
    if "course" in values:
        ref = values.pop("course")
        values["course_id"] = find_course(s, ref).id if ref else None
    if "required_for_role" in values:
        ref = values.pop("required_for_role")
        values["required_for_role_id"] = find_role(s, ref).id if ref else None
    return values


def create_certification(db: Database, actor: Actor, name: str, **fields) -> CertificationInfo:
    with db.write(actor, Permission.EDIT, "add certifications") as s:
        name = clean(name)
        if not name:
            raise InputError("certification: the name is empty")
        if s.scalar(select(Certification.id).where(Certification.name == name)):
            raise InputError(f"a certification named {name!r} already exists")
        values = _check_cert(s, dict(fields))
        unknown = set(values) - set(CERT_FIELDS)
        if unknown:
            raise InputError(f"certification: unknown fields {', '.join(sorted(unknown))}")
        c = create_record(s, actor, Certification(name=name, **values), "certification")
        return _cert_info(s, c)


def update_certification(db: Database, actor: Actor, ref: str | int, *, expected_version: int | None = None,
                         **changes) -> CertificationInfo:
    with db.write(actor, Permission.EDIT, "edit certifications") as s:
        c = find_certification(s, ref)
        if "name" in changes:
            changes["name"] = clean(changes["name"])
            if not changes["name"]:
                raise InputError("certification: the name is empty")
            if s.scalar(select(Certification.id).where(Certification.name == changes["name"], Certification.id != c.id)):
                raise InputError(f"a certification named {changes['name']!r} already exists")
        apply_edit(s, actor, c, "certification", _check_cert(s, dict(changes)), CERT_FIELDS, expected_version)
        return _cert_info(s, c)


def current_award(s: Session, staff_id: int, certification_id: int) -> CertificationAward | None:
    return s.scalar(select(CertificationAward).where(
        CertificationAward.staff_id == staff_id, CertificationAward.certification_id == certification_id,
        CertificationAward.superseded_by_id.is_(None)).order_by(CertificationAward.issued_on.desc()).limit(1))


def _issue(s: Session, actor: Actor, p: Staff, cert: Certification, issued_on: date, expires_on: date | None,
           note: str | None) -> CertificationAward:
    old = current_award(s, p.id, cert.id)
    if old is not None and issued_on <= old.issued_on:
        raise InputError(f"{p.name} already holds {cert.name} issued {old.issued_on}; a renewal needs a later date")
    expires_on = expires_on or rules.certification_expiry(issued_on, cert.validity_months)
    if expires_on is not None and expires_on <= issued_on:
        raise InputError("the expiry date must be after the issue date")
    new = create_record(s, actor, CertificationAward(certification_id=cert.id, staff_id=p.id, issued_on=issued_on,
                                                     expires_on=expires_on, note=clean(note) or None),
                        "certification_award", summary=f"{p.name}: {cert.name} {issued_on}"
                        + (" (renewal)" if old else ""))
    if old is not None:
        apply_edit(s, actor, old, "certification_award", {"superseded_by_id": new.id}, ("superseded_by_id",))
    return new


def award_certification(db: Database, actor: Actor, person: str | int, certification: str | int,
                        issued_on: date | str, *, expires_on: date | str | None = None,
                        note: str | None = None) -> AwardInfo:
    """Issue (or renew) a certification; the expiry defaults to issue date + validity. A
    renewal supersedes the current award, which stays in the history."""
    with db.write(actor, Permission.EDIT, "award certifications") as s:
        p, cert = find_staff(s, person), find_certification(s, certification)
        a = _issue(s, actor, p, cert, as_date(issued_on, "issue date"), as_date(expires_on, "expiry date"), note)
        return _award_info(s, a)


def renew_certifications(s: Session, actor: Actor, p: Staff, c: Course, on: date) -> tuple[str, ...]:
    """Re-issue, dated `on`, the person's current awards of certifications tied to course `c`."""
    renewed = []
    for cert in s.scalars(select(Certification).where(Certification.course_id == c.id)):
        old = current_award(s, p.id, cert.id)
        if old is not None and on > old.issued_on:
            _issue(s, actor, p, cert, on, None, f"{c.name} の修了({on})により更新")
            renewed.append(cert.name)
    return tuple(renewed)


def awards_of(db: Database, actor: Actor, person: str | int) -> list[AwardInfo]:
    """Every award of a person, current and superseded, newest first."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        p = find_staff(s, person)
        q = (select(CertificationAward).where(CertificationAward.staff_id == p.id)
             .order_by(CertificationAward.issued_on.desc(), CertificationAward.id.desc()))
        return [_award_info(s, a) for a in s.scalars(q)]


def holders(db: Database, actor: Actor, certification: str | int) -> list[AwardInfo]:
    """The current awards of a certification (renewed ones left out), soonest expiry first."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        cert = find_certification(s, certification)
        q = (select(CertificationAward).where(CertificationAward.certification_id == cert.id,
                                              CertificationAward.superseded_by_id.is_(None))
             .order_by(CertificationAward.expires_on.is_(None), CertificationAward.expires_on, CertificationAward.id))
        return [_award_info(s, a) for a in s.scalars(q)]
