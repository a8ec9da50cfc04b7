"""The field sets of the files the app imports: staff lists and SaaS account lists.

Aliases cover the column names of common Japanese HR/SaaS exports (SmartHR, freee, Google
Workspace, Slack, KARTE, LINE公式アカウント) and hand-made Excel sheets; the comparison
is normalised (see headers.py), so only genuinely different names need listing.
"""

from __future__ import annotations

from .headers import FieldSet, FieldSpec

EMPLOYMENT_TYPES: dict[str, tuple[str, ...]] = {
    "正社員": ("正規社員", "正規", "社員", "Full-time", "Full time", "Regular", "Permanent", "Employee"),
    "契約社員": ("契約", "有期契約", "Contract", "Contract employee", "Fixed-term"),
    "パート・アルバイト": ("パート", "アルバイト", "パートタイム", "Part-time", "Part time"),
    "派遣社員": ("派遣", "Temporary", "Temp", "Agency"),
    "業務委託": ("委託", "フリーランス", "Contractor", "Freelance", "Freelancer", "Outsourced"),
    "役員": ("取締役", "Executive", "Officer", "Director"),
}

STAFF_STATUSES: dict[str, tuple[str, ...]] = {
    "active": ("在籍", "在籍中", "在職", "在職中", "就業中", "有効", "Active", "Employed", "Current"),
    "leave": ("休職", "休職中", "休業", "休業中", "産休", "育休", "On leave", "Leave"),
    "left": ("退職", "退職済", "退職済み", "退社", "離職", "無効", "Left", "Inactive", "Terminated",
             "Former", "Resigned"),
}

STAFF_FIELDS = FieldSet("staff", (
    FieldSpec("name", "氏名", ("名前", "姓名", "氏名(漢字)", "社員名", "従業員名", "スタッフ名", "Name", "Full name",
                              "Employee name", "Staff name"), required=True,
              derive_from=("family_name", "given_name")),
    FieldSpec("family_name", "姓", ("苗字", "名字", "Last name", "Family name", "Surname")),
    FieldSpec("given_name", "名", ("下の名前", "First name", "Given name")),
    FieldSpec("kana", "フリガナ", ("ふりがな", "カナ", "かな", "よみがな", "読み", "読み仮名", "氏名カナ", "氏名(カナ)",
                               "氏名(フリガナ)", "氏名(ヨミガナ)", "カナ氏名", "Reading", "Kana", "Furigana",
                               "Name (kana)", "Name kana"), derive_from=("family_kana", "given_kana")),
    FieldSpec("family_kana", "姓(フリガナ)", ("セイ", "姓カナ", "姓(カナ)", "姓(ヨミガナ)", "姓(ふりがな)",
                                          "Last name (kana)", "Family name (kana)")),
    FieldSpec("given_kana", "名(フリガナ)", ("メイ", "名カナ", "名(カナ)", "名(ヨミガナ)", "名(ふりがな)",
                                         "First name (kana)", "Given name (kana)")),
    FieldSpec("email", "メールアドレス", ("メール", "Eメール", "Eメールアドレス", "社用メールアドレス", "会社メールアドレス",
                                    "業務用メールアドレス", "Email", "E-mail", "Email address", "Mail",
                                    "Work email"), type="email"),
    FieldSpec("department", "部署", ("部門", "所属", "所属部署", "所属部門", "部署名", "部門名", "Department", "Dept",
                                   "Division")),
    FieldSpec("manager", "上長", ("上司", "直属の上司", "直属上長", "上長氏名", "上長メールアドレス", "マネージャー",
                                "Manager", "Supervisor", "Reports to", "Manager email")),
    FieldSpec("employment_type", "雇用形態", ("雇用区分", "契約形態", "社員区分", "Employment type", "Employee type",
                                          "Worker type"), type="enum", choices=EMPLOYMENT_TYPES, strict=False),
    FieldSpec("hire_date", "入社日", ("入社年月日", "入職日", "着任日", "勤務開始日", "契約開始日", "Hire date",
                                   "Start date", "Date hired", "Joined", "Joining date"), type="date"),
    FieldSpec("leave_date", "退職日", ("退職年月日", "退社日", "離職日", "契約終了日", "Leave date", "End date",
                                    "Termination date", "Leaving date"), type="date"),
    FieldSpec("status", "在籍状況", ("在籍区分", "在籍", "ステータス", "状態", "Status", "Employment status"),
              type="enum", choices=STAFF_STATUSES),
    FieldSpec("notes", "備考", ("メモ", "Notes", "Note", "Remarks", "Comment", "Comments"),
              multiline=True),
))

ACCOUNT_STATUSES: dict[str, tuple[str, ...]] = {
    "active": ("有効", "アクティブ", "利用中", "Active", "Enabled"),
    "suspended": ("停止", "停止中", "無効", "利用停止", "ロック", "Suspended", "Disabled", "Inactive", "Locked",
                  "Deactivated"),
    "invited": ("招待中", "招待済み", "仮登録", "Invited", "Pending"),
}

ACCOUNT_FIELDS = FieldSet("account", (
    FieldSpec("login", "ログインID", ("ユーザーID", "ユーザID", "ログイン", "ログイン名", "アカウント", "アカウントID",
                                   "ユーザー名", "Login", "Login ID", "User ID", "Username", "User name", "Account",
                                   "Account ID"), required=True, derive_from=("email",)),
    FieldSpec("email", "メールアドレス", ("メール", "Eメール", "ログインメールアドレス", "Email", "E-mail", "Email address",
                                    "Primary email", "Mail"), type="email"),
    FieldSpec("display_name", "氏名", ("名前", "表示名", "ユーザー表示名", "担当者名", "Name", "Display name",
                                    "Full name")),
    FieldSpec("role", "権限", ("権限レベル", "権限名", "ロール", "役割", "ユーザー権限", "Role", "Roles", "Access level",
                             "Permission", "Permissions", "User role", "User type", "Admin role"), ),
    FieldSpec("last_login", "最終ログイン", ("最終ログイン日時", "最終ログイン日", "最終アクセス", "最終アクセス日時",
                                       "最終利用日", "最終利用日時", "Last sign-in", "Last sign in", "Last login",
                                       "Last login time", "Last activity", "Last active", "Last seen"),
              type="datetime"),
    FieldSpec("mfa", "二段階認証", ("2段階認証", "二要素認証", "2要素認証", "多要素認証", "2段階認証プロセス",
                                "2-Step verification", "2-step verification enrollment",
                                "2-Step Verification Enrolled", "2sv Enrolled", "2FA", "has-2fa", "MFA",
                                "Two-factor authentication", "Two factor"), type="bool"),
    FieldSpec("status", "ステータス", ("状態", "アカウント状態", "利用状況", "Status", "Account status", "State"),
              type="enum", choices=ACCOUNT_STATUSES, strict=False),
))
