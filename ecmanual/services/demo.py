"""Demo data: a small, realistic example team, loaded through the app's own services.

For screenshots, trials and training. It needs the default content (`init --defaults`) and
refuses any database that already holds staff, accounts, reviews or checklist runs, so it
never mixes fictional people into a team's real records (there is no override: the audit
trail cannot forget them). Every record is made by the same service functions the screens
call, as the signed-in administrator or as the two demo users it creates (an editor and an
approver, acting through `users.actor_for`), so all of it is checked and audited as usual.
It runs as many small transactions, like a person clicking through the app; should one
fail, what was done stays and a second run is refused: start again from a new database.

Dates are relative to `today`: trainings come out valid, due soon or late, one certification
expires soon, one person left last month, a new hire's onboarding is half done.
"""

from __future__ import annotations

import csv
import secrets
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select

from ..domain.errors import InputError
from ..domain.permissions import AppRole, Permission
from ..domain.training_rules import cycle_start, parse_fixed_months
from ..persistence.models import Account, AppUser, ChecklistRun, Course, Department, Review, Staff
from . import (
    calendar, checklists, inventory_accounts, inventory_import, manual, org_settings, organisation, responsibilities,
    reviews, training, training_certs, training_onboarding, training_sessions, users,
)
from .context import Actor, Database
from .records import today_jst

ORG_NAME = "デモ商事株式会社"
DOMAIN = "demo.example.co.jp"
EDITOR, APPROVER = "nakamura", "yamamoto"  # the demo's app users (linked to their staff records)


@dataclass(frozen=True)
class Person:
    key: str            # email local part and reference inside this module
    name: str
    kana: str
    department: str
    roles: tuple[str, ...] = ()
    deputy_of: tuple[str, ...] = ()
    hired: int = 2019   # April 1st of this year (moved back when it is not before today)

    @property
    def email(self) -> str:
        return f"{self.key}@{DOMAIN}"


IS, MK, LG, PP, PR = "情報システム部", "マーケティング部", "法務部", "商品企画部", "広報"
TEAM = (
    Person("takahashi", "高橋 誠", "タカハシ マコト", IS, ("情報システム部門長", "部門長"), hired=2015),
    Person("ito", "伊藤 美咲", "イトウ ミサキ", IS, ("KARTE管理責任者",), hired=2018),
    Person("watanabe", "渡辺 健太", "ワタナベ ケンタ", IS, ("セキュリティ責任者",), ("KARTE管理責任者",), 2017),
    Person("nakamura", "中村 彩", "ナカムラ アヤ", IS, ("配信運用担当",), hired=2021),
    Person("kobayashi", "小林 翔", "コバヤシ ショウ", IS, ("データ分析担当",), ("配信運用担当",), 2022),
    Person("kato", "加藤 由美", "カトウ ユミ", IS, ("教育担当",), hired=2020),
    Person("yamamoto", "山本 直樹", "ヤマモト ナオキ", MK, ("部門長",), hired=2016),
    Person("yoshida", "吉田 さくら", "ヨシダ サクラ", MK, ("チームリーダー",), hired=2019),
    Person("yamada", "山田 大輔", "ヤマダ ダイスケ", MK, hired=2023),
    Person("kimura", "木村 亮", "キムラ リョウ", MK, hired=2020),   # leaves last month
    Person("sasaki", "佐々木 恵", "ササキ メグミ", LG, ("部門長",), hired=2017),
    Person("matsumoto", "松本 拓也", "マツモト タクヤ", PP, ("部門長",), hired=2018),
    Person("inoue", "井上 麻衣", "イノウエ マイ", PR, hired=2021),
)
LEAVER = "kimura"
NEW_HIRE = Person("hayashi", "林 優花", "ハヤシ ユウカ", MK)
HEADS = {IS: "takahashi", MK: "yamamoto", LG: "sasaki", PP: "matsumoto"}

# Account lists as each SaaS exports them: (key or other login, name, level, days since last sign-in, MFA on).
KARTE = [("ito", "オーナー", 1, True), ("takahashi", "管理者", 2, True), ("watanabe", "管理者", 5, True),
         ("nakamura", "編集者", 0, True), ("kobayashi", "閲覧者", 3, True), ("yamamoto", "承認者", 4, True),
         ("yoshida", "編集者", 1, False), ("yamada", "編集者", 2, True), ("kimura", "編集者", 45, True),
         ("kato", "閲覧者", 130, True)]
ECFORCE = [("takahashi", "管理者", 3, True), ("matsumoto", "承認者", 6, True), ("yoshida", "管理者", 2, True),
           ("yamada", "運用者", 1, True), ("inoue", "閲覧者", 9, False)]
LINE = [("nakamura", "管理者", 0, True), ("yoshida", "運用担当者", 1, True), ("yamada", "運用担当者", 3, True),
        ("kimura", "運用担当者", 50, True)]
GOOGLE = [("kobayashi", "管理者", 2, True), ("yamamoto", "標準", 8, True), ("yoshida", "標準", 1, True)]
SHARED_LOGIN, AGENCY_LOGIN = f"ec-admin@{DOMAIN}", "ads@agency.example.com"
MANDATORY = ("KARTE操作研修", "個人情報保護研修", "コンプライアンス研修", "リスク管理研修")
# Deliberate gaps: (person, course) -> days before today of the last completion (None: never).
TRAINING_GAPS = {("yoshida", "コンプライアンス研修"): 350, ("yamada", "リスク管理研修"): 345,
                 ("inoue", "コンプライアンス研修"): 400, ("matsumoto", "リスク管理研修"): 395,
                 ("kato", "リスク管理研修"): 380}


def _people() -> dict[str, Person]:
    return {p.key: p for p in TEAM}


def _hire_date(p: Person, today: date) -> date:
    day = date(p.hired, 4, 1)
    return day if day < today else today - timedelta(days=400)


def _refuse_unless_fresh(db: Database) -> None:
    """Only a database with the default content and nothing of a team's own yet."""
    with db.read() as s:
        if not s.scalar(select(func.count()).select_from(Department).where(Department.name == IS)) \
                or not s.scalar(select(func.count()).select_from(Course)):
            raise InputError("The demo needs the default content: run `init --defaults` first.")
        found = [what for what, model in (("staff", Staff), ("accounts", Account), ("permission reviews", Review),
                                          ("checklist runs", ChecklistRun))
                 if s.scalar(select(func.count()).select_from(model))]
        found += [f"the user {name}" for name in s.scalars(select(AppUser.username)
                                                           .where(AppUser.username.in_((EDITOR, APPROVER))))]
    if found:
        raise InputError("The demo loads only into a new database with nothing but the default content; this one "
                         f"already has {', '.join(found)}. Use a new database file (--db) for the demo.")


def load_demo(db: Database, actor: Actor, today: date | None = None) -> dict:
    """Load the example team as `actor` (an administrator); returns what was added."""
    actor.require(Permission.ADMINISTER, "load the demo data")
    today = today or today_jst()
    _refuse_unless_fresh(db)
    counts: dict = {}
    if not org_settings.get(db, org_settings.ORG_NAME):
        org_settings.set_value(db, actor, org_settings.ORG_NAME, ORG_NAME)
    ids = _staff(db, actor, today)
    counts["staff"] = len(ids) + 1  # with the new hire, below
    editor, approver = _users(db, actor, ids)
    counts["users"] = [EDITOR, APPROVER]
    with tempfile.TemporaryDirectory(prefix="ecmanual-demo-") as tmp:
        counts["accounts"] = _accounts(db, actor, Path(tmp), today)
    leave_day = today.replace(day=1) - timedelta(days=5)
    responsibilities.record_leave(db, actor, ids[LEAVER], leave_day)
    counts["left"] = {"name": _people()[LEAVER].name, "leave_date": leave_day.isoformat()}
    counts["review"] = _review(db, actor, today)
    counts["completions"] = _training(db, actor, ids, today)
    counts["awards"] = _certifications(db, actor, ids, today)
    counts["sessions"] = _session(db, actor, ids, today)
    counts["onboarding"] = _onboarding(db, actor, today)
    counts["checklist_runs"] = _checklists(db, editor, approver, today)
    for key in ("nakamura", "kobayashi", "yamada"):
        manual.acknowledge(db, actor, "security-policy", ids[key])
    counts["acknowledgements"] = 3
    counts["duties_done"] = _duties(db, editor, today)
    return counts


def _staff(db: Database, actor: Actor, today: date) -> dict[str, int]:
    deps = {d.name: d.id for d in organisation.list_departments(db)}
    ids: dict[str, int] = {}
    heads_first = sorted(TEAM, key=lambda p: p.key not in HEADS.values())
    for p in heads_first:
        head = HEADS.get(p.department)
        info = organisation.create_staff(
            db, actor, p.name, kana=p.kana, email=p.email, department_id=deps[p.department],
            employment_type="正社員", status="active", hire_date=_hire_date(p, today),
            manager_id=ids.get(head) if head != p.key else None)
        ids[p.key] = info.id
    for p in TEAM:
        for role in p.roles:
            organisation.assign_role(db, actor, role, ids[p.key], start_date=_hire_date(p, today))
        for role in p.deputy_of:  # deputies since last month: their certification is still to come
            organisation.assign_role(db, actor, role, ids[p.key], kind="deputy", start_date=today - timedelta(days=20))
    return ids


def _users(db: Database, actor: Actor, ids: dict[str, int]) -> tuple[Actor, Actor]:
    """An editor and an approver linked to their staff records. Their passwords are random and
    never shown: to sign in as one of them, an administrator resets the password."""
    people = _people()
    for username, role in ((EDITOR, AppRole.EDITOR), (APPROVER, AppRole.APPROVER)):
        password = secrets.token_urlsafe(18) + "-Aa1"
        users.create_user(db, actor, username, password, role, people[username].name, staff_id=ids[username])
    users.set_approval_level(db, actor, APPROVER, "部門長")
    if not _approval_level(db, actor):  # so the administrator's dashboard lists the run waiting for approval
        users.set_approval_level(db, actor, actor.username, "部門長")
    return users.actor_for(db, EDITOR), users.actor_for(db, APPROVER)


def _approval_level(db: Database, actor: Actor) -> int | None:
    with db.read() as s:
        return s.scalar(select(AppUser.approval_level_id).where(AppUser.id == actor.user_id))


def _login(key: str) -> str:
    return f"{key}@{DOMAIN}" if "@" not in key else key


def _when(today: date, days: int) -> datetime:
    return datetime.combine(today - timedelta(days=days), time(9 + days % 9, 7 * days % 60))


def _write(path: Path, header: list[str], rows: list[list[str]], encoding: str, title: str | None = None) -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f, lineterminator="\r\n" if encoding == "cp932" else "\n")
        if title:
            w.writerow([title] + [""] * (len(header) - 1))
        w.writerow(header)
        w.writerows(rows)
    return path


def _accounts(db: Database, actor: Actor, tmp: Path, today: date) -> dict[str, int]:
    """Four systems' account lists written as their exports look, then imported like any file."""
    people = _people()

    def rows(spec, fmt, on="ON", off="OFF", names=None):
        out = []
        for key, level, days, mfa in spec:
            name = (names or {}).get(key) or people[key].name.replace(" ", "\u3000")
            out.append([_login(key), name, level, _when(today, days).strftime(fmt), on if mfa else off])
        return out

    ecforce = ECFORCE + [(SHARED_LOGIN, "管理者", 1, True)]
    google = GOOGLE + [(AGENCY_LOGIN, "標準", 12, True)]
    files = [
        ("KARTE", _write(tmp / "karte_members.csv", ["表示名", "メールアドレス", "権限", "最終ログイン", "2段階認証"],
                         [[r[1], r[0], *r[2:]] for r in rows(KARTE, "%Y年%m月%d日")], "utf-8-sig")),
        ("ECforce", _write(tmp / "ecforce_admins.csv", ["メールアドレス", "氏名", "権限", "最終ログイン日時", "二段階認証"],
                           rows(ecforce, "%Y/%m/%d %H:%M", "有効", "無効", {SHARED_LOGIN: "EC共用管理"}),
                           "cp932", f"ECforce 管理者一覧({today:%Y年%m月%d日}出力)")),
        ("LINE公式アカウント", _write(tmp / "line_members.csv", ["メールアドレス", "名前", "権限", "最終アクセス", "二要素認証"],
                                  rows(LINE, "%Y-%m-%d %H:%M"), "utf-8")),
        ("Google広告", _write(tmp / "google_ads_users.csv", ["Email", "Name", "Access level", "Last sign-in",
                                                             "2-Step Verification Enrolled"],
                              rows(google, "%Y-%m-%d", "Yes", "No", {AGENCY_LOGIN: "広告代理店 運用チーム"}), "utf-8")),
    ]
    added = {}
    for system, path in files:
        added[system] = inventory_import.import_accounts(db, actor, system, path)["added"]
    inventory_accounts.mark_account(db, actor, SHARED_LOGIN, shared=True, owner=people["takahashi"].email,
                                    system="ECforce")
    return added


def _period(today: date) -> str:
    return f"{today.year}Q{(today.month - 1) // 3 + 1}"


def _review(db: Database, actor: Actor, today: date) -> dict:
    """This quarter's review: KARTE decided (the leaver revoked), the other systems still open."""
    period = _period(today)
    reviews.start_review(db, actor, period, on=today)
    reasons = {_login("yoshida"): "二段階認証の設定を本人に依頼済み(今週中)",
               _login("kato"): "研修資料の確認に年数回使用するため継続"}
    decided = 0
    for key, _level, _days, _mfa in KARTE:
        login = _login(key)
        if key == LEAVER:
            reviews.decide(db, actor, period, login, "revoke", "退職済みのため削除", system="KARTE",
                           due=today + timedelta(days=7))
        else:
            reviews.decide(db, actor, period, login, "keep", reasons.get(login), system="KARTE")
        decided += 1
    reviews.decide(db, actor, period, _login("yamada"), "keep", system="ECforce")
    reviews.decide(db, actor, period, _login("yoshida"), "change", "管理者権限は不要。運用者に変更する",
                   target_level="運用者", system="ECforce", due=today + timedelta(days=14))
    return {"period": period, "decided": decided + 2}


def _training(db: Database, actor: Actor, ids: dict[str, int], today: date) -> int:
    """Every mandatory course done on time, except the gaps in TRAINING_GAPS."""
    privacy_cycle = cycle_start(parse_fixed_months("4,10"), today)
    n = 0
    for p in TEAM:
        if p.key == LEAVER:
            continue
        hired = _hire_date(p, today)
        for course in MANDATORY:
            if course == "KARTE操作研修" and p.department not in (IS, MK):
                continue
            if (p.key, course) in TRAINING_GAPS:
                days = TRAINING_GAPS[(p.key, course)]
                if days is None:
                    continue
                day = today - timedelta(days=days)
            elif course == "KARTE操作研修":
                day = hired + timedelta(days=20)
            elif course == "個人情報保護研修":
                day = min(today, privacy_cycle + timedelta(days=12))
            else:
                day = today - timedelta(days=60 + 7 * (len(p.key) % 5))
            training.record_completion(db, actor, ids[p.key], course, max(day, hired), score=90 - len(p.key),
                                       evidence_note="研修受講記録(デモ)")
            n += 1
    for key in ("nakamura", "kobayashi", "yoshida", "ito"):
        training.record_completion(db, actor, ids[key], "社内ナレッジ共有会", today - timedelta(days=12))
        n += 1
    return n


def _certifications(db: Database, actor: Actor, ids: dict[str, int], today: date) -> int:
    """One KARTE運用認定 expiring within the month, the others valid; a new deputy has none yet."""
    training_certs.award_certification(db, actor, ids["ito"], "KARTE運用認定", today - timedelta(days=350),
                                       note="スキルチェック合格(デモ)")
    training_certs.award_certification(db, actor, ids["watanabe"], "KARTE運用認定", today - timedelta(days=100),
                                       note="スキルチェック合格(デモ)")
    training_certs.award_certification(db, actor, ids["nakamura"], "配信運用認定", today - timedelta(days=45),
                                       note="スキルチェック合格(デモ)")
    return 3


def _session(db: Database, actor: Actor, ids: dict[str, int], today: date) -> int:
    starts = datetime.combine(today + timedelta(days=12), time(14, 0))
    training_sessions.schedule_session(
        db, actor, "コンプライアンス研修", starts, ends_at=starts + timedelta(hours=1, minutes=30),
        place="本社 3F 会議室A", instructor=_people()["sasaki"].name, capacity=20,
        attendees=[ids["yoshida"], ids["inoue"], ids["yamada"]])
    return 1


def _onboarding(db: Database, actor: Actor, today: date) -> dict:
    """A new hire ten days in, with the first half of their plan ticked."""
    p = NEW_HIRE
    hired = today - timedelta(days=10)
    result = training_onboarding.hire_person(db, actor, p.name, department=p.department, hire_date=hired,
                                             email=p.email, kana=p.kana, employment_type="正社員",
                                             manager=_people()["yamamoto"].email)
    plan = result["plan"]
    half = plan.items[: len(plan.items) // 2]
    for i, item in enumerate(half):
        plan = training_onboarding.set_item_done(db, actor, item.id, on=min(today, hired + timedelta(days=i)))
    return {"name": p.name, "done": plan.done_count, "items": len(plan.items)}


def _md(day: date) -> str:
    return f"{day.month}/{day.day}"


def _checklists(db: Database, editor: Actor, approver: Actor, today: date) -> dict:
    """Three runs approved, one waiting for approval, one still being worked on."""
    def run(template: str, subject: str, tick_all: bool = True) -> int:
        run_id = checklists.start_run(db, editor, template, subject)
        items = checklists.get_run(db, editor, run_id).items
        for item in items if tick_all else items[: len(items) // 2]:
            checklists.check_item(db, editor, run_id, item.seq)
        return run_id

    done = (("商品情報更新チェックリスト", f"{_md(today - timedelta(days=9))} 冬季限定商品 価格・在庫更新", "価格は税込表示で確認済み"),
            ("お知らせ・ブログチェックリスト", f"{_md(today - timedelta(days=6))} 年末年始の配送スケジュールのお知らせ", None),
            ("LINE配信前チェックリスト", f"{_md(today - timedelta(days=3))} 週末クーポン LINE配信", "テスト配信で表示崩れなし"))
    for template, subject, notes in done:
        approved = run(template, subject)
        checklists.submit_run(db, editor, approved, notes)
        checklists.approve_run(db, approver, approved, "確認しました。")
    waiting = run("メール配信前チェックリスト", f"{_md(today + timedelta(days=2))} 年末セール告知メール")
    checklists.submit_run(db, editor, waiting, "配信リストは最新の購読者(除外リスト適用済み)")
    run("更新前最終チェックリスト", f"{_md(today + timedelta(days=5))} 新商品ページ公開", tick_all=False)
    return {"approved": len(done), "submitted": 1, "draft": 1}


def _duties(db: Database, actor: Actor, today: date) -> int:
    """The past week's duties marked done (calendar history)."""
    n = 0
    for occ in calendar.between(db, today - timedelta(days=7), today - timedelta(days=1), today):
        if occ.status in ("open", "overdue", "untracked"):
            calendar.mark_occurrence(db, actor, occ.duty_id, occ.due_date, "done", "実施済み")
            n += 1
    return n
