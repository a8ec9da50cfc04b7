<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>App</name>
    <message>
        <source>Cannot open the database</source>
        <translation>データベースを開けません</translation>
    </message>
    <message>
        <source>The database %1 could not be opened:

%2</source>
        <translation>データベース %1 を開けませんでした:

%2</translation>
    </message>
</context>
<context>
    <name>Areas</name>
    <message>
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <source>Today&apos;s duties, trainings that are due, open permission reviews and checklists waiting for approval, at a glance.</source>
        <translation>今日の業務、期限の近い研修、実施中の権限棚卸し、承認待ちのチェックリストをひと目で確認します。</translation>
    </message>
    <message>
        <source>Roles &amp; RACI</source>
        <translation>役割・RACI</translation>
    </message>
    <message>
        <source>Departments, staff and job roles; for every process step who is Responsible, Accountable, Consulted and Informed, with a check that each step has exactly one Accountable.</source>
        <translation>部署・スタッフ・役割と、業務プロセスの各ステップの実行責任者（R）・説明責任者（A）・協議先（C）・報告先（I）を管理し、各ステップの A がちょうど1人であることを確認します。</translation>
    </message>
    <message>
        <source>Training &amp; certification</source>
        <translation>教育・認定</translation>
    </message>
    <message>
        <source>The trainings each role needs, who completed them and when, and certifications that are about to expire.</source>
        <translation>役割ごとに必要な研修、誰がいつ修了したか、期限が近づいている認定を管理します。</translation>
    </message>
    <message>
        <source>Permission reviews</source>
        <translation>権限棚卸し</translation>
    </message>
    <message>
        <source>Quarterly reviews of SaaS accounts: import account lists, see findings (leavers, shared or dormant accounts, MFA off), decide and sign off.</source>
        <translation>SaaS アカウントの四半期ごとの棚卸しです。アカウント一覧を取り込み、指摘事項（退職者・共有・休眠アカウント、MFA 未設定など）を確認し、判断と承認を記録します。</translation>
    </message>
    <message>
        <source>Checklists</source>
        <translation>チェックリスト</translation>
    </message>
    <message>
        <source>Run checklists from versioned templates, tick items with evidence and get a second person&apos;s approval.</source>
        <translation>テンプレートからチェックリストを実施し、証跡を残して項目をチェックし、別の担当者の承認を受けます。</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>テンプレート</translation>
    </message>
    <message>
        <source>Document templates (notices, requests, reports) to fill in and export.</source>
        <translation>お知らせ・依頼・報告などの文書テンプレートに記入して出力します。</translation>
    </message>
    <message>
        <source>Glossary</source>
        <translation>用語集</translation>
    </message>
    <message>
        <source>The team&apos;s terms and abbreviations with their readings and meanings.</source>
        <translation>チームで使う用語と略語を、読み方と意味とともにまとめます。</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>マニュアル</translation>
    </message>
    <message>
        <source>The manual pages with their versions, publishing and read acknowledgements.</source>
        <translation>マニュアルのページを版管理し、公開と既読確認を記録します。</translation>
    </message>
    <message>
        <source>Risks &amp; incidents</source>
        <translation>リスク・インシデント</translation>
    </message>
    <message>
        <source>The risk register, and incidents recorded step by step along the agreed response flow.</source>
        <translation>リスク一覧と、定められた対応フローに沿って段階ごとに記録するインシデントを管理します。</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>監査ログ</translation>
    </message>
    <message>
        <source>Every change with who made it and when, newest first.</source>
        <translation>すべての変更を、誰がいつ行ったかとともに新しい順に表示します。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Language, the signed-in user and where the data is kept.</source>
        <translation>表示言語、サインイン中のユーザー、データの保存場所。</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
</context>
<context>
    <name>AuditLogView</name>
    <message>
        <source>Before:</source>
        <translation>変更前:</translation>
    </message>
    <message>
        <source>After:</source>
        <translation>変更後:</translation>
    </message>
    <message>
        <source>Every change is recorded here with who made it and when. Entries are chained together and cannot be edited.</source>
        <translation>すべての変更が、誰がいつ行ったかとともに記録されます。記録は互いに連結されており、編集できません。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>再読み込み</translation>
    </message>
</context>
<context>
    <name>ComingPage</name>
    <message>
        <source>This area is being built and comes in a later version.</source>
        <translation>この画面は準備中です。今後のバージョンで利用できるようになります。</translation>
    </message>
</context>
<context>
    <name>ExceptionDialog</name>
    <message>
        <source>Unexpected error — ecmanual</source>
        <translation>予期しないエラー — ecmanual</translation>
    </message>
    <message>
        <source>Something went wrong: %1

Your data is safe: the change that failed was not saved. The details below were also written to the log file:
%2</source>
        <translation>問題が発生しました: %1

データは安全です。失敗した変更は保存されていません。以下の詳細はログファイルにも記録されています:
%2</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>詳細をコピー</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>The two passwords differ.</source>
        <translation>2つのパスワードが一致しません。</translation>
    </message>
    <message>
        <source>First administrator — ecmanual</source>
        <translation>最初の管理者 — ecmanual</translation>
    </message>
    <message>
        <source>This database has no users yet. Create the first administrator; they can add the other users after signing in.</source>
        <translation>このデータベースにはまだユーザーがいません。最初の管理者を作成してください。ほかのユーザーはサインイン後に管理者が追加できます。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>表示名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>パスワード（確認）</translation>
    </message>
    <message>
        <source>At least 10 characters, mixing two of: lower case, upper case, digits, symbols; not containing the user name.</source>
        <translation>10文字以上で、英小文字・英大文字・数字・記号のうち2種類以上を含め、ユーザー名を含まないものにしてください。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Administrator</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>編集者</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>承認者</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>閲覧者</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>変更</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>サインイン失敗</translation>
    </message>
    <message>
        <source>Sign-in refused</source>
        <translation>サインイン拒否</translation>
    </message>
    <message>
        <source>Database upgraded</source>
        <translation>データベース更新</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>パスワード変更</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>パスワード再設定</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>取り込み</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>承認</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>却下</translation>
    </message>
    <message>
        <source>Sent back</source>
        <translation>差し戻し</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提出</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>提案</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>公開</translation>
    </message>
    <message>
        <source>New version</source>
        <translation>新しい版</translation>
    </message>
    <message>
        <source>Read and acknowledged</source>
        <translation>既読確認</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>チェック</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>確認</translation>
    </message>
    <message>
        <source>Step recorded</source>
        <translation>対応を記録</translation>
    </message>
    <message>
        <source>Reordered</source>
        <translation>並べ替え</translation>
    </message>
    <message>
        <source>Leaver recorded</source>
        <translation>退職を記録</translation>
    </message>
    <message>
        <source>Backed up</source>
        <translation>バックアップ</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>復元</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>データベース</translation>
    </message>
    <message>
        <source>Exported file</source>
        <translation>出力ファイル</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>スタッフ</translation>
    </message>
    <message>
        <source>Job role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Role assignment</source>
        <translation>役割の割り当て</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>業務プロセス</translation>
    </message>
    <message>
        <source>Process step</source>
        <translation>プロセスのステップ</translation>
    </message>
    <message>
        <source>RACI</source>
        <translation>RACI</translation>
    </message>
    <message>
        <source>Approval level</source>
        <translation>承認レベル</translation>
    </message>
    <message>
        <source>Update type</source>
        <translation>更新種別</translation>
    </message>
    <message>
        <source>Duty</source>
        <translation>定常業務</translation>
    </message>
    <message>
        <source>Duty occurrence</source>
        <translation>定常業務の実施回</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>研修コース</translation>
    </message>
    <message>
        <source>Course audience</source>
        <translation>研修の対象者</translation>
    </message>
    <message>
        <source>Training session</source>
        <translation>研修の開催</translation>
    </message>
    <message>
        <source>Attendee</source>
        <translation>受講者</translation>
    </message>
    <message>
        <source>Training record</source>
        <translation>受講記録</translation>
    </message>
    <message>
        <source>Certification</source>
        <translation>認定</translation>
    </message>
    <message>
        <source>Certification award</source>
        <translation>認定の付与</translation>
    </message>
    <message>
        <source>Onboarding template</source>
        <translation>オンボーディングテンプレート</translation>
    </message>
    <message>
        <source>Onboarding plan</source>
        <translation>オンボーディング計画</translation>
    </message>
    <message>
        <source>Onboarding item</source>
        <translation>オンボーディング項目</translation>
    </message>
    <message>
        <source>Standard permission level</source>
        <translation>標準権限レベル</translation>
    </message>
    <message>
        <source>Permission level policy</source>
        <translation>権限レベルの方針</translation>
    </message>
    <message>
        <source>SaaS system</source>
        <translation>SaaS システム</translation>
    </message>
    <message>
        <source>System permission level</source>
        <translation>システム別権限レベル</translation>
    </message>
    <message>
        <source>Account import</source>
        <translation>アカウント取り込み</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>Permission review</source>
        <translation>権限棚卸し</translation>
    </message>
    <message>
        <source>Reviewed system</source>
        <translation>棚卸し対象システム</translation>
    </message>
    <message>
        <source>Reviewed account</source>
        <translation>棚卸し対象アカウント</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>指摘事項</translation>
    </message>
    <message>
        <source>Remediation task</source>
        <translation>是正タスク</translation>
    </message>
    <message>
        <source>Checklist template</source>
        <translation>チェックリストテンプレート</translation>
    </message>
    <message>
        <source>Checklist template version</source>
        <translation>チェックリストテンプレートの版</translation>
    </message>
    <message>
        <source>Checklist item</source>
        <translation>チェック項目</translation>
    </message>
    <message>
        <source>Checklist run</source>
        <translation>チェックリスト実施</translation>
    </message>
    <message>
        <source>Checklist run item</source>
        <translation>チェック結果</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>添付ファイル</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>テンプレート</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文書</translation>
    </message>
    <message>
        <source>Glossary term</source>
        <translation>用語</translation>
    </message>
    <message>
        <source>Manual page</source>
        <translation>マニュアルページ</translation>
    </message>
    <message>
        <source>Manual page version</source>
        <translation>マニュアルページの版</translation>
    </message>
    <message>
        <source>Read acknowledgement</source>
        <translation>既読確認</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>リスク</translation>
    </message>
    <message>
        <source>Incident response step</source>
        <translation>インシデント対応手順</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>インシデント</translation>
    </message>
    <message>
        <source>Incident step record</source>
        <translation>インシデント対応記録</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>設定</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Signing in…</source>
        <translation>サインイン中…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <source>Could not sign in: %1</source>
        <translation>サインインできませんでした: %1</translation>
    </message>
    <message>
        <source>Sign in — ecmanual</source>
        <translation>サインイン — ecmanual</translation>
    </message>
    <message>
        <source>ecmanual</source>
        <translation>ecmanual</translation>
    </message>
    <message>
        <source>Operations manual  ·  version %1</source>
        <translation>運用マニュアル  ·  バージョン %1</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>データベース: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ecmanual — operations manual</source>
        <translation>ecmanual — 運用マニュアル</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>移動(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About ecmanual</source>
        <translation>ecmanual について(&amp;A)</translation>
    </message>
    <message>
        <source>User: %1 (%2)</source>
        <translation>ユーザー: %1（%2）</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>データベース: %1</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ecmanual %1&lt;/h3&gt;&lt;p&gt;The team&apos;s operations manual as living records: roles and RACI, trainings, permission reviews, checklists, templates and the audit trail.&lt;/p&gt;&lt;p&gt;Font: %2, SIL Open Font License 1.1 (resources/fonts/OFL.txt).&lt;br&gt;Qt %3 and Qt for Python (PySide6 %4), LGPLv3. Python %5.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ecmanual %1&lt;/h3&gt;&lt;p&gt;チームの運用マニュアルを、生きた記録として管理します: 役割と RACI、研修、権限棚卸し、チェックリスト、テンプレート、監査証跡。&lt;/p&gt;&lt;p&gt;フォント: %2（SIL Open Font License 1.1、resources/fonts/OFL.txt）&lt;br&gt;Qt %3 / Qt for Python（PySide6 %4、LGPLv3）、Python %5&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About ecmanual</source>
        <translation>ecmanual について</translation>
    </message>
</context>
<context>
    <name>ServiceMessages</name>
    <message>
        <source>Wrong user name or password.</source>
        <translation>ユーザー名またはパスワードが違います。</translation>
    </message>
    <message>
        <source>This account is locked after too many failed sign-ins. Try again in %1 minutes.</source>
        <translation>サインインの失敗が続いたため、このアカウントはロックされています。%1 分後にもう一度お試しください。</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>現在のパスワードが違います。</translation>
    </message>
    <message>
        <source>An administrator already exists; sign in and add users from there.</source>
        <translation>管理者はすでに存在します。サインインしてからユーザーを追加してください。</translation>
    </message>
    <message>
        <source>This record was changed by someone else since you opened it. Reload it and try again.</source>
        <translation>このレコードは、開いた後にほかの人が変更しました。再読み込みしてからやり直してください。</translation>
    </message>
    <message>
        <source>The password is too weak: %1</source>
        <translation>パスワードが弱すぎます: %1</translation>
    </message>
    <message>
        <source>mix at least two of: lower case, upper case, digits, symbols</source>
        <translation>英小文字・英大文字・数字・記号のうち2種類以上を含めてください</translation>
    </message>
    <message>
        <source>must not contain the user name</source>
        <translation>ユーザー名を含めないでください</translation>
    </message>
    <message>
        <source>at least %1 characters</source>
        <translation>%1 文字以上にしてください</translation>
    </message>
    <message>
        <source>; </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Display</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Applies at once and is remembered on this PC.</source>
        <translation>すぐに反映され、この PC に保存されます。</translation>
    </message>
    <message>
        <source>This session</source>
        <translation>このセッション</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>サインイン中</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>権限</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>データベース</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>データフォルダー</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>ログファイル</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>Could not finish</source>
        <translation>完了できませんでした</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>キャンセルしています…</translation>
    </message>
</context>
</TS>
