"""A large, realistic database for the benchmarks (issue 9), cached under bench/.data/.

    .venv/bin/python bench/generate.py [--scale 1.0] [--force]

Full scale: 500 staff in 12 departments with 40 job roles, 60 SaaS systems with 100,000
accounts, 40 processes × 6 steps with RACI cells, 30 courses, 50,000 training records,
10,000 checklist runs (with their items), 2,000 glossary terms, 500 manual pages with
published versions, all in Japanese, then the search index and an open permission review
(a snapshot of every account and its findings).

Accounts go through the app's own import (`inventory_import.import_accounts`, one CP932 CSV
per system, as a user would); the review through `reviews.start_review`; the search index
through `search.rebuild_index`; the default content through `defaults.load_defaults`. The
other records are written with Core bulk inserts on the app's models (what a migration or
the app's bulk paths do): they are set-up, not what is measured.

The file is `bench/.data/large-v<GENERATOR_VERSION>-s<scale>.sqlite3`; it is reused while
the generator version is the same (bump GENERATOR_VERSION when the data set changes).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ECMANUAL_SCRYPT_N", str(2**14))
os.environ.setdefault("ECMANUAL_HOME", tempfile.mkdtemp(prefix="ecm-bench-home-"))

GENERATOR_VERSION = 2  # 2: review snapshots in columns (migration 0003)
DATA = Path(__file__).resolve().parent / ".data"
ADMIN, PASSWORD = "admin", "Bench-pass-123"
REVIEW_DAY = date(2026, 10, 1)
TODAY = date(2026, 11, 5)

SURNAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木",
            "山口", "松本", "井上", "木村", "林", "斎藤", "清水", "山崎", "森", "池田", "橋本", "阿部", "石川"]
GIVEN = ["太郎", "花子", "健太", "美咲", "翔太", "陽菜", "大輔", "結衣", "直樹", "さくら", "蓮", "葵", "悠真", "凛",
         "拓海", "真央", "健一", "由美", "和也", "彩"]
KANA_S = ["サトウ", "スズキ", "タカハシ", "タナカ", "イトウ", "ワタナベ", "ヤマモト", "ナカムラ", "コバヤシ", "カトウ",
          "ヨシダ", "ヤマダ", "ササキ", "ヤマグチ", "マツモト", "イノウエ", "キムラ", "ハヤシ", "サイトウ", "シミズ",
          "ヤマザキ", "モリ", "イケダ", "ハシモト", "アベ", "イシカワ"]
KANA_G = ["タロウ", "ハナコ", "ケンタ", "ミサキ", "ショウタ", "ヒナ", "ダイスケ", "ユイ", "ナオキ", "サクラ", "レン",
          "アオイ", "ユウマ", "リン", "タクミ", "マオ", "ケンイチ", "ユミ", "カズヤ", "アヤ"]
DEPARTMENTS = ["経営企画部", "情報システム部", "マーケティング部", "EC運営部", "カスタマーサポート部", "物流部",
               "商品企画部", "経理部", "人事部", "法務部", "デザイン部", "営業部"]
SAAS = ["Shopify", "KARTE", "ECforce", "Zendesk", "Slack", "Google Workspace", "Salesforce", "kintone", "freee",
        "SmartHR", "LINE公式アカウント", "Backlog", "Notion", "Box", "Canva", "Figma", "GitHub", "AWS", "楽天RMS",
        "Yahoo!ショッピング", "Amazon Seller Central", "ネクストエンジン", "ロジレス", "GA4", "Looker Studio",
        "HubSpot", "Mailchimp", "Sansan", "cybozu", "Chatwork"]
LEVELS = ["管理者", "承認者", "運用者", "閲覧者"]
WORDS = ["受注処理", "在庫確認", "出荷指示", "返品対応", "問い合わせ", "権限棚卸し", "二段階認証", "個人情報", "委託先",
         "キャンペーン", "クーポン", "メルマガ配信", "商品登録", "価格変更", "決済", "請求書", "発注", "検品", "棚卸",
         "ログ確認", "バックアップ", "障害対応", "承認", "差し戻し", "手順書", "チェックリスト", "研修", "監査",
         "セール", "送料", "配送業者", "定期購入", "会員情報", "ポイント", "レビュー", "景品表示法", "薬機法"]
PARTICLES = ["を", "の", "に", "で", "と", "は", "が"]


def sentence(rnd: random.Random, words: int) -> str:
    return "".join(rnd.choice(WORDS) + rnd.choice(PARTICLES) for _ in range(words - 1)) + rnd.choice(WORDS) + "。"


def database_path(scale: float) -> Path:
    return DATA / f"large-v{GENERATOR_VERSION}-s{scale:g}.sqlite3"


def counts(scale: float) -> dict[str, int]:
    full = {"staff": 500, "systems": 60, "accounts": 100_000, "processes": 40, "courses": 30,
            "training_records": 50_000, "checklist_runs": 10_000, "glossary": 2_000, "pages": 500}
    return {k: max(1, round(v * scale)) if k not in ("systems", "courses", "processes") else v
            for k, v in full.items()}


def ensure(scale: float = 1.0, force: bool = False, quiet: bool = False) -> Path:
    """The cached database of this scale, generated when missing (or forced)."""
    path = database_path(scale)
    if path.exists() and not force:
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    for suffix in ("", "-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    generate(tmp, counts(scale), quiet=quiet)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    tmp.rename(path)
    if not quiet:
        print(f"generated {path} ({path.stat().st_size / 2**20:.0f} MiB) in {time.perf_counter() - t0:.0f} s")
    return path


def generate(path: Path, n: dict[str, int], quiet: bool = False) -> None:
    from sqlalchemy import insert, select

    from ecmanual.persistence.engine import make_engine
    from ecmanual.persistence.models import (
        ChecklistItem, ChecklistRun, ChecklistRunItem, ChecklistTemplate, Course, Department, GlossaryTerm, JobRole,
        ManualPage, ManualPageVersion, Process, ProcessStep, RaciCell, RoleAssignment, Staff, TrainingRecord,
    )
    from ecmanual.services import defaults, inventory, inventory_import, reviews, search, setup, users
    from ecmanual.services.context import Database

    def say(what: str) -> None:
        if not quiet:
            print(f"  {time.perf_counter() - t0:6.1f} s  {what}", flush=True)

    t0 = time.perf_counter()
    rnd = random.Random(20261123)
    db = Database(make_engine(path))
    setup.init_schema(db)
    users.create_first_admin(db, ADMIN, PASSWORD, "管理 太郎")
    admin = users.actor_for(db, ADMIN)
    defaults.load_defaults(db, admin)
    say("schema and default content")
    now = datetime.now(UTC)
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    with db.write(admin) as s:
        have = set(s.scalars(select(Department.name)))
        s.execute(insert(Department), [{"name": d, "sort_order": i, **stamp}
                                       for i, d in enumerate(DEPARTMENTS) if d not in have])
        deps = list(s.scalars(select(Department.id)))
        have = set(s.scalars(select(JobRole.name)))
        s.execute(insert(JobRole), [{"name": f"{rnd.choice(SAAS)}担当{i:02d}", "department_id": deps[i % len(deps)],
                                     "sort_order": i, **stamp} for i in range(40) if f"担当{i:02d}" not in have])
        roles = list(s.scalars(select(JobRole.id)))
        staff = []
        for i in range(n["staff"]):
            a, b = rnd.randrange(len(SURNAMES)), rnd.randrange(len(GIVEN))
            left = i % 25 == 0
            staff.append({"name": f"{SURNAMES[a]} {GIVEN[b]}{i:03d}", "kana": f"{KANA_S[a]} {KANA_G[b]}",
                          "email": f"staff{i:04d}@example.co.jp", "department_id": deps[i % len(deps)],
                          "employment_type": rnd.choice(["正社員", "契約社員", "業務委託"]),
                          "status": "left" if left else "active",
                          "hire_date": date(2015, 4, 1) + timedelta(days=rnd.randint(0, 3800)),
                          "leave_date": date(2026, 6, 30) if left else None, **stamp})
        s.execute(insert(Staff), staff)
        staff_ids = list(s.scalars(select(Staff.id)))
        s.execute(insert(RoleAssignment), [
            {"job_role_id": roles[i % len(roles)], "staff_id": sid, "kind": "holder" if i % 3 else "deputy",
             "start_date": date(2024, 4, 1), "created_at": now, "updated_at": now}
            for i, sid in enumerate(staff_ids) if i % 2 == 0])
    say(f"{n['staff']} staff")
    # SaaS systems through the service, accounts through the app's own import of CP932 CSVs.
    per = n["accounts"] // n["systems"]
    extra = n["accounts"] - per * n["systems"]
    csv_dir = Path(tempfile.mkdtemp(prefix="ecm-gen-"))
    existing = {x.name for x in inventory.list_systems(db, admin)}
    for x in range(n["systems"]):
        name = SAAS[x] if x < len(SAAS) else f"{SAAS[x % len(SAAS)]} 第{x // len(SAAS) + 1}環境"
        if name not in existing:
            inventory.create_system(db, admin, name, mfa_required=x % 3 != 0, dormant_days=90)
        rows = ["メールアドレス,氏名,権限,最終ログイン日時,二段階認証,ステータス"]
        for i in range(per + (1 if x < extra else 0)):
            if i < n["staff"] // 2:
                k = (i * 7 + x) % n["staff"]
                email, shown = f"staff{k:04d}@example.co.jp", staff[k]["name"].replace(" ", "　")
            else:
                email = f"user{x:02d}-{i:06d}@example.co.jp"
                shown = f"{rnd.choice(SURNAMES)}　{rnd.choice(GIVEN)}" if i % 3 else f"ﾕｰｻﾞｰ{i:06d}"
            last = datetime(2026, 9, 30, 18, 0) - timedelta(minutes=rnd.randint(0, 250_000))
            rows.append(f"{email},{shown},{rnd.choice(LEVELS)},{last:%Y/%m/%d %H:%M},"
                        f"{rnd.choice(['有効', '有効', '無効'])},{'停止' if i % 97 == 0 else '有効'}")
        f = csv_dir / f"accounts_{x:02d}.csv"
        f.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp932"))
        inventory_import.import_accounts(db, admin, name, f)
        f.unlink()
    say(f"{n['systems']} systems, {n['accounts']:,} accounts (app import)")
    with db.write(admin) as s:
        step_ids = []
        for p in range(n["processes"]):
            pid = s.execute(insert(Process).values(name=f"{rnd.choice(WORDS)}プロセス{p:02d}", sort_order=p,
                                                   description=sentence(rnd, 6), **stamp)).inserted_primary_key[0]
            for seq in range(1, 7):
                step_ids.append(s.execute(insert(ProcessStep).values(
                    process_id=pid, seq=seq, name=f"{rnd.choice(WORDS)}（手順{seq}）", four_eyes=seq == 4,
                    description="\n".join(sentence(rnd, 4) for _ in range(3)), **stamp)).inserted_primary_key[0])
        parties = [("d", d) for d in deps] + [("r", r) for r in roles]
        cells = []
        for sid in step_ids:
            chosen = rnd.sample(parties, rnd.randint(3, 8))
            codes = ["A"] + ["R"] * rnd.randint(1, 2)
            codes += [rnd.choice("CI") for _ in range(len(chosen) - len(codes))]
            for (kind, ident), code in zip(chosen, codes):
                cells.append({"step_id": sid, "party_key": f"{kind}:{ident}", "code": code,
                              "department_id": ident if kind == "d" else None,
                              "job_role_id": ident if kind == "r" else None, **stamp})
        s.execute(insert(RaciCell), cells)
        have = set(s.scalars(select(Course.name)))
        s.execute(insert(Course), [{"name": f"{rnd.choice(WORDS)}研修{i:02d}", "mandatory": i % 4 != 3,
                                    "audience_all": True, "recurrence": "yearly", "validity_months": 12,
                                    "description": sentence(rnd, 8), **stamp}
                                   for i in range(n["courses"]) if f"研修{i:02d}" not in have])
        course_ids = list(s.scalars(select(Course.id)))[-n["courses"]:]
        s.execute(insert(TrainingRecord), [
            {"course_id": rnd.choice(course_ids), "staff_id": rnd.choice(staff_ids), "passed": rnd.random() > 0.05,
             "completed_on": TODAY - timedelta(days=rnd.randint(0, 900)), **stamp}
            for _ in range(n["training_records"])])
        say(f"{n['processes']} processes × 6 steps, {n['courses']} courses, {n['training_records']:,} training records")
        versions = [v for v in s.scalars(select(ChecklistTemplate.current_version_id)) if v]
        items = {v: list(s.scalars(select(ChecklistItem.id).where(ChecklistItem.version_id == v))) for v in versions}
        s.execute(insert(ChecklistRun), [
            {"template_version_id": versions[i % len(versions)], "subject": f"{rnd.choice(WORDS)} {i:05d}",
             "status": rnd.choice(["draft", "submitted", "approved", "approved"]), "started_by_user_id": admin.user_id,
             "started_at": now - timedelta(hours=i), **stamp} for i in range(n["checklist_runs"])])
        run_items = []
        for rid, vid in s.execute(select(ChecklistRun.id, ChecklistRun.template_version_id)):
            run_items += [{"run_id": rid, "item_id": item, "checked": rnd.random() > 0.3, "version": 1}
                          for item in items[vid]]
        s.execute(insert(ChecklistRunItem), run_items)
        say(f"{n['checklist_runs']:,} checklist runs, {len(run_items):,} run items")
        have = set(s.scalars(select(GlossaryTerm.term)))
        terms = []
        for i in range(n["glossary"]):
            term = f"{rnd.choice(WORDS)}{rnd.choice(WORDS)}{i:04d}"
            if term not in have:
                terms.append({"term": term, "reading": f"ヨミ{i:04d}", "category": rnd.choice(["業務", "システム", "法令"]),
                              "definition": sentence(rnd, 10), **stamp})
        s.execute(insert(GlossaryTerm), terms)
        for i in range(n["pages"]):
            pid = s.execute(insert(ManualPage).values(
                slug=f"page-{i:04d}", title=f"{rnd.choice(WORDS)}の手順 {i:04d}", category=rnd.choice(["運用", "CS", "物流"]),
                sort_order=i, review_cycle_months=6, last_reviewed_on=date(2026, 4, 1), **stamp)).inserted_primary_key[0]
            body = f"# {rnd.choice(WORDS)}\n\n" + "\n\n".join(sentence(rnd, 12) for _ in range(20))
            vid = s.execute(insert(ManualPageVersion).values(
                page_id=pid, version_no=1, body_md=body, summary="初版", status="published",
                author_user_id=admin.user_id, created_at=now, published_at=now)).inserted_primary_key[0]
            s.execute(ManualPage.__table__.update().where(ManualPage.id == pid).values(published_version_id=vid))
    say(f"{n['glossary']:,} glossary terms, {n['pages']} manual pages")
    search.rebuild_index(db, actor=admin)
    say("search index")
    reviews.start_review(db, admin, "2026Q4", REVIEW_DAY)
    say("open review 2026Q4 (snapshot + findings)")
    with db.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        c.exec_driver_sql("ANALYZE")
    db.engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the full data set (default 1)")
    ap.add_argument("--force", action="store_true", help="generate again even when cached")
    args = ap.parse_args()
    print(ensure(args.scale, args.force))


if __name__ == "__main__":
    main()
