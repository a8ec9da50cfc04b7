<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>AccountsPanel</name>
    <message>
        <source>this is your own account</source>
        <translation>自分のアカウントです</translation>
    </message>
    <message>
        <source>a change needs a reason</source>
        <translation>変更には理由が必要です</translation>
    </message>
    <message>
        <source>a revocation needs a reason</source>
        <translation>削除には理由が必要です</translation>
    </message>
    <message>
        <source>the account has findings</source>
        <translation>指摘があります</translation>
    </message>
    <message>
        <source>All systems</source>
        <translation>すべてのシステム</translation>
    </message>
    <message>
        <source>(target level)</source>
        <translation>(変更後の権限)</translation>
    </message>
    <message>
        <source>%1: a reason is needed (%2). Type it and press Enter.</source>
        <translation>%1: 理由が必要です(%2)。入力して Enter を押してください。</translation>
    </message>
    <message>
        <source>%1: %2 recorded.</source>
        <translation>%1: %2 を記録しました。</translation>
    </message>
    <message>
        <source>Link to a person…</source>
        <translation>スタッフに紐づける…</translation>
    </message>
    <message>
        <source>Confirm the link</source>
        <translation>紐づけを確定する</translation>
    </message>
    <message>
        <source>Mark as shared account…</source>
        <translation>共有アカウントにする…</translation>
    </message>
    <message>
        <source>Mark as service account…</source>
        <translation>サービスアカウントにする…</translation>
    </message>
    <message>
        <source>Mark as personal account</source>
        <translation>個人アカウントに戻す</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>スタッフ:</translation>
    </message>
    <message>
        <source>Link %1</source>
        <translation>%1 を紐づける</translation>
    </message>
    <message>
        <source>Owner of %1</source>
        <translation>%1 の所有者</translation>
    </message>
    <message>
        <source>Search login, name, person, department…</source>
        <translation>ログインID・氏名・本人・部署で検索…</translation>
    </message>
    <message>
        <source>Only findings</source>
        <translation>指摘ありのみ</translation>
    </message>
    <message>
        <source>Only undecided</source>
        <translation>未判断のみ</translation>
    </message>
    <message>
        <source>Keys: K or 1 keep, C or 2 change, R or 3 revoke the selected account. Drop a CSV or XLSX export here to import it.</source>
        <translation>キー操作: K または 1 で継続、C または 2 で変更、R または 3 で削除(選択中のアカウント)。CSV・XLSX をこの画面にドロップすると取り込みます。</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由:</translation>
    </message>
    <message>
        <source>Keep (K)</source>
        <translation>継続 (K)</translation>
    </message>
    <message>
        <source>Change (C)</source>
        <translation>変更 (C)</translation>
    </message>
    <message>
        <source>Revoke (R)</source>
        <translation>削除 (R)</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Enter a user name.</source>
        <translation>ユーザー名を入力してください。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>2 つのパスワードが一致しません。</translation>
    </message>
    <message>
        <source>The first administrator</source>
        <translation>最初の管理者</translation>
    </message>
    <message>
        <source>They sign in first and add the other users.</source>
        <translation>最初にサインインし、他のユーザーを追加する人です。</translation>
    </message>
    <message>
        <source>Administrators manage users and the organisation&apos;s settings. Use a personal account, not a shared one.</source>
        <translation>管理者はユーザーと組織の設定を管理します。共用ではなく個人のアカウントにしてください。</translation>
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
        <source>e.g. 管理 花子</source>
        <translation>例: 管理 花子</translation>
    </message>
    <message>
        <source>At least 10 characters, mixing two of: lower case, upper case, digits, symbols; not containing the user name.</source>
        <translation>10 文字以上で、英小文字・英大文字・数字・記号のうち 2 種類以上を含め、ユーザー名を含まないこと。</translation>
    </message>
</context>
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
    <message>
        <source>Database connection…</source>
        <translation>データベース接続…</translation>
    </message>
</context>
<context>
    <name>ApprovalsPage</name>
    <message>
        <source>Approval levels, lowest first: %1</source>
        <translation>承認レベル（低い順）: %1</translation>
    </message>
    <message>
        <source>The approvers are the current holders of the job role named like the level; a level without such a role (e.g. the board) decides as a body.</source>
        <translation>承認者は、承認レベルと同じ名前の役割の現在の担当者です。同名の役割がないレベル（役員会など）は会議体として決定します。</translation>
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
    <name>AttendanceDialog</name>
    <message>
        <source>Attendees</source>
        <translation>参加者</translation>
    </message>
    <message>
        <source>Person to add</source>
        <translation>追加する人</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>外す</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>受講者</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>出席</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得点</translation>
    </message>
    <message>
        <source>Certificate, test sheet … (optional)</source>
        <translation>修了証、テスト用紙など(任意)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Record for this person</source>
        <translation>この人の結果を記録</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Evidence note</source>
        <translation>証跡メモ</translation>
    </message>
    <message>
        <source>Evidence file</source>
        <translation>証跡ファイル</translation>
    </message>
    <message>
        <source>Attendees and attendance</source>
        <translation>受講者と出欠</translation>
    </message>
    <message>
        <source>%1 — %2 (%3 registered)</source>
        <translation>%1 — %2(登録 %3)</translation>
    </message>
    <message>
        <source>Choose an attendee</source>
        <translation>受講者を選んでください</translation>
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
        <source>(all)</source>
        <translation>（すべて）</translation>
    </message>
    <message>
        <source>The start date is after the end date.</source>
        <translation>開始日が終了日より後になっています。</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>%1 件</translation>
    </message>
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
        <source>From</source>
        <translation>開始日</translation>
    </message>
    <message>
        <source>To</source>
        <translation>終了日</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>指定なし</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>条件をクリア</translation>
    </message>
</context>
<context>
    <name>AwardDialog</name>
    <message>
        <source>Award a certification</source>
        <translation>認定の付与</translation>
    </message>
    <message>
        <source>Person *</source>
        <translation>対象者 *</translation>
    </message>
    <message>
        <source>Certification *</source>
        <translation>認定 *</translation>
    </message>
    <message>
        <source>Issued on *</source>
        <translation>発行日 *</translation>
    </message>
    <message>
        <source>Expires on</source>
        <translation>有効期限</translation>
    </message>
    <message>
        <source>Holds now</source>
        <translation>現在の保有</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>No expiry</source>
        <translation>期限なし</translation>
    </message>
    <message>
        <source>Not held yet</source>
        <translation>未保有</translation>
    </message>
    <message>
        <source>no expiry</source>
        <translation>期限なし</translation>
    </message>
    <message>
        <source>Issued %1, expires %2. Saving re-issues it from the new date.</source>
        <translation>%1 発行、%2 まで有効。保存すると新しい発行日で再発行します。</translation>
    </message>
    <message>
        <source>Choose a person and a certification.</source>
        <translation>対象者と認定を選んでください。</translation>
    </message>
</context>
<context>
    <name>CalendarModels</name>
    <message>
        <source>Duty</source>
        <translation>業務</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Cadence</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>繰り返し</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>担当</translation>
    </message>
    <message>
        <source>Deputy</source>
        <translation>代行</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>次回予定</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>予定</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>期限超過</translation>
    </message>
    <message>
        <source>Before tracking</source>
        <translation>記録開始前</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>日次</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>週次</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>月次</translation>
    </message>
    <message>
        <source>Quarterly</source>
        <translation>四半期</translation>
    </message>
    <message>
        <source>Half-yearly</source>
        <translation>半期</translation>
    </message>
    <message>
        <source>Yearly</source>
        <translation>年次</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会議</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>監査</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>配信</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>火</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>水</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>木</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>金</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>土</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>期日</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>記録者</translation>
    </message>
    <message>
        <source>Recorded at</source>
        <translation>記録日時</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>%1 overdue (looking back %2 days), %3 due in the next %4 days.</source>
        <translation>期限超過 %1 件（過去 %2 日）、今後 %4 日の予定 %3 件。</translation>
    </message>
    <message>
        <source>Delete duty</source>
        <translation>定例業務の削除</translation>
    </message>
    <message>
        <source>Delete %1 and its done/skipped records? To stop it but keep its history, untick Active instead.</source>
        <translation>%1 と、その完了・スキップの記録を削除しますか？ 記録を残して止めるには「有効」のチェックを外してください。</translation>
    </message>
    <message>
        <source>Export calendar</source>
        <translation>カレンダーの書き出し</translation>
    </message>
    <message>
        <source>iCalendar (*.ics)</source>
        <translation>iCalendar (*.ics)</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>基準日</translation>
    </message>
    <message>
        <source>Days ahead</source>
        <translation>表示日数</translation>
    </message>
    <message>
        <source>Overdue: look back</source>
        <translation>期限超過の確認期間</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <source>Export .ics…</source>
        <translation>.ics 書き出し…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>出力…</translation>
    </message>
    <message>
        <source>Note for the mark (optional)</source>
        <translation>記録のメモ（任意）</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>完了にする</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>Take back mark</source>
        <translation>記録を取り消す</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>追加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Due and overdue</source>
        <translation>予定と期限超過</translation>
    </message>
    <message>
        <source>Duties and meetings</source>
        <translation>定例業務・会議</translation>
    </message>
</context>
<context>
    <name>CertificationDialog</name>
    <message>
        <source>Edit certification</source>
        <translation>認定の編集</translation>
    </message>
    <message>
        <source>New certification</source>
        <translation>認定の追加</translation>
    </message>
    <message>
        <source>e.g. 教育担当, or the outside body</source>
        <translation>例: 教育担当、または外部の認定機関</translation>
    </message>
    <message>
        <source>No expiry</source>
        <translation>期限なし</translation>
    </message>
    <message>
        <source> months</source>
        <translation> か月</translation>
    </message>
    <message>
        <source>e.g. 更新研修の修了で再認定</source>
        <translation>例: 更新研修の修了で再認定</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>名称 *</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>発行者</translation>
    </message>
    <message>
        <source>Valid for</source>
        <translation>有効期間</translation>
    </message>
    <message>
        <source>Renewal rule</source>
        <translation>更新ルール</translation>
    </message>
    <message>
        <source>Renewed by completing</source>
        <translation>修了で更新する研修</translation>
    </message>
    <message>
        <source>Required for role</source>
        <translation>必要な役割</translation>
    </message>
    <message>
        <source>Enter the certification&apos;s name.</source>
        <translation>認定の名称を入力してください。</translation>
    </message>
</context>
<context>
    <name>CertificationsPanel</name>
    <message>
        <source>Holders of %1</source>
        <translation>%1 の保有者</translation>
    </message>
    <message>
        <source>no expiry</source>
        <translation>期限なし</translation>
    </message>
    <message>
        <source>%1: %2 issued %3, expires %4.</source>
        <translation>%1: %2 を %3 に発行しました(有効期限 %4)。</translation>
    </message>
    <message>
        <source>New certification…</source>
        <translation>認定を追加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Award to a person…</source>
        <translation>認定を付与…</translation>
    </message>
</context>
<context>
    <name>ChecklistModels</name>
    <message>
        <source>In progress</source>
        <translation>実施中</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>承認待ち</translation>
    </message>
    <message>
        <source>Sent back</source>
        <translation>差し戻し</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>承認済み</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>チェックリスト</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Approval level</source>
        <translation>承認レベル</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>項目数</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Run by</source>
        <translation>実施者</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>開始日時</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>承認者</translation>
    </message>
    <message>
        <source>Approved on</source>
        <translation>承認日時</translation>
    </message>
</context>
<context>
    <name>ChecklistRunDialog</name>
    <message>
        <source>Notes on this run</source>
        <translation>この実施のメモ</translation>
    </message>
    <message>
        <source>Notes for the approver (optional)</source>
        <translation>承認者へのメモ（任意）</translation>
    </message>
    <message>
        <source>Submit for approval</source>
        <translation>承認依頼を出す</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>実施メモ</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>承認</translation>
    </message>
    <message>
        <source>Comment (required when sending back)</source>
        <translation>コメント（差し戻しの場合は必須）</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>承認する</translation>
    </message>
    <message>
        <source>Send back</source>
        <translation>差し戻す</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>PDFを出力…</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>Excelを出力…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Checklist run %1 — %2</source>
        <translation>チェックリスト実施 %1 — %2</translation>
    </message>
    <message>
        <source>approval level: %1</source>
        <translation>承認レベル: %1</translation>
    </message>
    <message>
        <source>You ran this checklist; another person approves it (four-eyes principle).</source>
        <translation>このチェックリストはあなたが実施しました。承認は別の人が行います（4眼原則）。</translation>
    </message>
    <message>
        <source>Run by %1, started %2</source>
        <translation>実施者 %1（開始 %2）</translation>
    </message>
    <message>
        <source>submitted %1</source>
        <translation>提出 %1</translation>
    </message>
    <message>
        <source>approved by %1 on %2</source>
        <translation>承認者 %1（%2）</translation>
    </message>
    <message>
        <source>%1 of %2 items checked</source>
        <translation>%2 項目中 %1 項目確認済み</translation>
    </message>
    <message>
        <source>Sent back: %1</source>
        <translation>差し戻し: %1</translation>
    </message>
    <message>
        <source>Approved and locked. Comment: %1</source>
        <translation>承認済み（変更できません）。コメント: %1</translation>
    </message>
    <message>
        <source>Waiting for approval by someone other than %1.</source>
        <translation>%1 以外の承認者による承認を待っています。</translation>
    </message>
</context>
<context>
    <name>ChecklistsView</name>
    <message>
        <source>All</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>(optional)</source>
        <translation>（任意）</translation>
    </message>
    <message>
        <source>No checklists</source>
        <translation>チェックリストがありません</translation>
    </message>
    <message>
        <source>There are no checklist templates yet.</source>
        <translation>チェックリストのテンプレートがまだありません。</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>実施記録</translation>
    </message>
    <message>
        <source>Checklist templates</source>
        <translation>チェックリスト一覧</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>チェックリスト</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>From</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>New run…</source>
        <translation>新規実施…</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Export record…</source>
        <translation>記録を出力…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>印刷…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <source>Start run…</source>
        <translation>実施を開始…</translation>
    </message>
    <message>
        <source>Edit items (new version)…</source>
        <translation>項目を編集（新しい版）…</translation>
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
    <name>CompletionDialog</name>
    <message>
        <source>Record a completion</source>
        <translation>受講完了を記録</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得点</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Certificate, attendance sheet … (optional)</source>
        <translation>修了証・出席表など(任意)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Person *</source>
        <translation>氏名 *</translation>
    </message>
    <message>
        <source>Course *</source>
        <translation>研修 *</translation>
    </message>
    <message>
        <source>Completed on *</source>
        <translation>受講日 *</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Evidence note</source>
        <translation>証跡メモ</translation>
    </message>
    <message>
        <source>Evidence file</source>
        <translation>証跡ファイル</translation>
    </message>
    <message>
        <source>Choose a person and a course.</source>
        <translation>氏名と研修を選んでください。</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>Database connection — ecmanual</source>
        <translation>データベース接続 — ecmanual</translation>
    </message>
    <message>
        <source>Choose the database this PC works with. A server connection must pass &quot;Test connection&quot; before it can be chosen.</source>
        <translation>この PC で使うデータベースを選んでください。サーバーを選ぶには、先に「接続テスト」が成功している必要があります。</translation>
    </message>
    <message>
        <source>ecmanual opens this database as soon as you press OK.</source>
        <translation>「開く」を押すと、このデータベースをすぐに開きます。</translation>
    </message>
    <message>
        <source>The change takes effect the next time ecmanual starts; this window keeps working with the current database until then.</source>
        <translation>変更は次回の起動から有効になります。それまでこのウィンドウは現在のデータベースで動作します。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>ContentPage</name>
    <message>
        <source>Default content</source>
        <translation>初期コンテンツ</translation>
    </message>
    <message>
        <source>Press Finish to create the database; this takes a few seconds.</source>
        <translation>「完了」を押すとデータベースを作成します（数秒かかります）。</translation>
    </message>
    <message>
        <source>Load the default content</source>
        <translation>初期コンテンツを読み込む</translation>
    </message>
    <message>
        <source>The sample organisation, the five business processes with their RACI, trainings, checklists, templates, glossary and manual pages — a starting point to adapt. It can also be loaded later (init --defaults).</source>
        <translation>サンプルの組織、5 つの業務プロセスと RACI、教育、チェックリスト、テンプレート、用語集、マニュアルページ — 自社に合わせて直していく出発点です。後から読み込むこともできます（init --defaults）。</translation>
    </message>
    <message>
        <source>Organisation: %1
Database: %2
Administrator: %3</source>
        <translation>組織: %1
データベース: %2
管理者: %3</translation>
    </message>
</context>
<context>
    <name>CourseDialog</name>
    <message>
        <source>Edit course</source>
        <translation>研修の編集</translation>
    </message>
    <message>
        <source>New course</source>
        <translation>研修の追加</translation>
    </message>
    <message>
        <source>Mandatory: everyone in the audience must take it</source>
        <translation>必須(対象者全員が受講する)</translation>
    </message>
    <message>
        <source> months</source>
        <translation> か月</translation>
    </message>
    <message>
        <source>Month %1</source>
        <translation>%1月</translation>
    </message>
    <message>
        <source>Default (%1 days)</source>
        <translation>既定(%1 日)</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>制限なし</translation>
    </message>
    <message>
        <source>As the team says it, e.g. 年2回</source>
        <translation>社内での呼び方(例: 年2回)</translation>
    </message>
    <message>
        <source>Links or file paths, one per line</source>
        <translation>リンクまたはファイルの場所(1行に1つ)</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>名称 *</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>名称(英語)</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Due *</source>
        <translation>受講時期 *</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>間隔</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>実施月</translation>
    </message>
    <message>
        <source>Due after hire or update</source>
        <translation>入社・更新から期限まで</translation>
    </message>
    <message>
        <source>Valid for</source>
        <translation>有効期間</translation>
    </message>
    <message>
        <source>Frequency label</source>
        <translation>頻度の表記</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>担当</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>教材</translation>
    </message>
    <message>
        <source>All staff</source>
        <translation>全従業員</translation>
    </message>
    <message>
        <source>Chosen departments and job roles</source>
        <translation>選んだ部署と役割</translation>
    </message>
    <message>
        <source>Required for departments</source>
        <translation>受講が必要な部署</translation>
    </message>
    <message>
        <source>Required for roles</source>
        <translation>受講が必要な役割</translation>
    </message>
    <message>
        <source>Who must take it</source>
        <translation>受講対象</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Job roles</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Enter the course name.</source>
        <translation>研修の名称を入力してください。</translation>
    </message>
    <message>
        <source>Tick the months in which the course is held.</source>
        <translation>実施する月にチェックを入れてください。</translation>
    </message>
    <message>
        <source>Choose who must take the course: all staff, or departments and job roles.</source>
        <translation>受講対象を選んでください(全従業員、または部署・役割)。</translation>
    </message>
</context>
<context>
    <name>CoursesPanel</name>
    <message>
        <source>Materials: %1</source>
        <translation>教材: %1</translation>
    </message>
    <message>
        <source>Delete course</source>
        <translation>研修の削除</translation>
    </message>
    <message>
        <source>Delete %1? Courses with completions are kept as history and cannot be deleted.</source>
        <translation>%1 を削除しますか?受講記録のある研修は履歴として残り、削除できません。</translation>
    </message>
    <message>
        <source>New course…</source>
        <translation>研修を追加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Mark content updated</source>
        <translation>内容更新を記録</translation>
    </message>
    <message>
        <source>The material changed on this date: people who completed the course before it must take it again (courses due on updates).</source>
        <translation>この日に教材が変わりました。この日より前に受講した人は再受講が必要になります(更新時に受講する研修)。</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Overdue duties</source>
        <translation>期限切れの定例業務</translation>
    </message>
    <message>
        <source>Permission reviews in progress</source>
        <translation>進行中の権限棚卸し</translation>
    </message>
    <message>
        <source>Manual pages due for review</source>
        <translation>見直し時期のマニュアル</translation>
    </message>
    <message>
        <source>Process steps without exactly one A or without an R</source>
        <translation>A が1つでない、または R のないステップ</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <source>Nothing needs attention today.</source>
        <translation>本日対応が必要な項目はありません。</translation>
    </message>
    <message>
        <source>Trainings overdue or expired</source>
        <translation>期限超過・期限切れの研修</translation>
    </message>
    <message>
        <source>Trainings due soon</source>
        <translation>期限間近の研修</translation>
    </message>
    <message>
        <source>Certifications expiring or expired</source>
        <translation>期限間近・期限切れの認定</translation>
    </message>
    <message>
        <source>Checklist runs waiting for your approval</source>
        <translation>あなたの承認待ちのチェックリスト</translation>
    </message>
    <message>
        <source>Open review findings</source>
        <translation>未対応の棚卸し指摘</translation>
    </message>
    <message>
        <source>Open remediation</source>
        <translation>未完了の是正タスク</translation>
    </message>
    <message>
        <source>Trainings overdue</source>
        <translation>研修の期限超過</translation>
    </message>
    <message>
        <source>Due in %1 days</source>
        <translation>%1日以内に期限</translation>
    </message>
    <message>
        <source>Certifications expiring</source>
        <translation>期限間近の認定</translation>
    </message>
    <message>
        <source>Open findings</source>
        <translation>未対応の指摘</translation>
    </message>
    <message>
        <source>Waiting for my approval</source>
        <translation>自分の承認待ち</translation>
    </message>
    <message>
        <source>No A (Accountable)</source>
        <translation>A（説明責任者）なし</translation>
    </message>
    <message>
        <source>More than one A</source>
        <translation>Aが複数</translation>
    </message>
    <message>
        <source>No R (Responsible)</source>
        <translation>R（実行責任者）なし</translation>
    </message>
    <message>
        <source>Training compliance by department</source>
        <translation>部署別の研修受講状況</translation>
    </message>
    <message>
        <source>Overdue or expired</source>
        <translation>期限超過・期限切れ</translation>
    </message>
    <message>
        <source>No mandatory trainings apply to anyone yet.</source>
        <translation>必須研修の対象者はまだいません。</translation>
    </message>
    <message>
        <source>Review progress by system (%1)</source>
        <translation>システム別の棚卸し進捗（%1）</translation>
    </message>
    <message>
        <source>Review progress by system</source>
        <translation>システム別の棚卸し進捗</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>判定済み</translation>
    </message>
    <message>
        <source>Not decided</source>
        <translation>未判定</translation>
    </message>
    <message>
        <source>No permission review yet.</source>
        <translation>権限棚卸しはまだありません。</translation>
    </message>
    <message>
        <source>Findings by kind (%1)</source>
        <translation>種類別の指摘（%1）</translation>
    </message>
    <message>
        <source>Findings by kind</source>
        <translation>種類別の指摘</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未対応</translation>
    </message>
    <message>
        <source>No findings.</source>
        <translation>指摘はありません。</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>期限 %1</translation>
    </message>
    <message>
        <source>Run by %1</source>
        <translation>実施者 %1</translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>%1 から期限超過</translation>
    </message>
    <message>
        <source>%1 decided</source>
        <translation>%1 判定済み</translation>
    </message>
    <message>
        <source>Review due since %1</source>
        <translation>%1 から見直し期限超過</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) need attention today. Double-click one to open it.</source>
        <translation>
            <numerusform>本日対応が必要な項目が %n 件あります。ダブルクリックで開きます。</numerusform>
        </translation>
    </message>
    <message>
        <source>… %1 more: open the review to see them all</source>
        <translation>… 残り %1 件：棚卸しを開くとすべて表示されます</translation>
    </message>
    <message>
        <source>… %1 more: open %2 to see them all</source>
        <translation>… 残り %1 件：%2を開くとすべて表示されます</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
</context>
<context>
    <name>DatabaseChoice</name>
    <message>
        <source>This PC (SQLite in the data folder)</source>
        <translation>この PC（データフォルダー内の SQLite）</translation>
    </message>
    <message>
        <source>One file, %1, for a single PC. No server needed.</source>
        <translation>1 台の PC 用のファイル %1 です。サーバーは不要です。</translation>
    </message>
    <message>
        <source>Shared PostgreSQL server</source>
        <translation>共有 PostgreSQL サーバー</translation>
    </message>
</context>
<context>
    <name>DatabasePage</name>
    <message>
        <source>Where the data lives</source>
        <translation>データの保存先</translation>
    </message>
    <message>
        <source>One PC keeps its own file; a team shares one PostgreSQL server. You can change this later in Settings.</source>
        <translation>1 台の PC なら専用のファイル、チームなら 1 台の PostgreSQL サーバーを共有します。後から設定画面で変更できます。</translation>
    </message>
    <message>
        <source>This database is already set up. Finish, then sign in with the account an administrator gave you; the organisation name stays as it is there.</source>
        <translation>このデータベースは設定済みです。「完了」を押してから、管理者から受け取ったアカウントでサインインしてください。組織名はデータベースの設定のまま変わりません。</translation>
    </message>
</context>
<context>
    <name>DocumentFormDialog</name>
    <message>
        <source>%1 — document</source>
        <translation>%1 — 文書</translation>
    </message>
    <message>
        <source>Title of this document</source>
        <translation>この文書の件名</translation>
    </message>
    <message>
        <source>Title *</source>
        <translation>件名 *</translation>
    </message>
    <message>
        <source>One item per line</source>
        <translation>1行に1項目</translation>
    </message>
    <message>
        <source>* required</source>
        <translation>* は必須項目</translation>
    </message>
</context>
<context>
    <name>DocumentModels</name>
    <message>
        <source>Template</source>
        <translation>テンプレート</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>項目数</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>作成者</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>最終更新</translation>
    </message>
</context>
<context>
    <name>DutyDialog</name>
    <message>
        <source>Meeting</source>
        <translation>会議</translation>
    </message>
    <message>
        <source>Duty</source>
        <translation>業務</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>監査</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>配信</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>名称 *</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Repeats (RRULE) *</source>
        <translation>繰り返し（RRULE）*</translation>
    </message>
    <message>
        <source>Starts on *</source>
        <translation>開始日 *</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Length (minutes)</source>
        <translation>所要時間（分）</translation>
    </message>
    <message>
        <source>Owner: job role</source>
        <translation>担当（役割）</translation>
    </message>
    <message>
        <source>Owner: department</source>
        <translation>担当（部署）</translation>
    </message>
    <message>
        <source>Owner: person</source>
        <translation>担当（個人）</translation>
    </message>
    <message>
        <source>Deputy</source>
        <translation>代行者</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>Edit duty</source>
        <translation>定例業務の編集</translation>
    </message>
    <message>
        <source>New duty</source>
        <translation>定例業務の追加</translation>
    </message>
    <message>
        <source>The owner is a person, else the job role&apos;s holders, else the department. Without a deputy here, the owner role&apos;s deputies cover.</source>
        <translation>担当は個人、なければ役割の担当者、なければ部署です。代行者を指定しない場合は、担当役割の代行者が代わります。</translation>
    </message>
    <message>
        <source>Not a valid rule yet: %1</source>
        <translation>繰り返しの指定が正しくありません: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>%1 — next: %2</source>
        <translation>%1 — 次回: %2</translation>
    </message>
</context>
<context>
    <name>ExceptionDialog</name>
    <message>
        <source>Error details</source>
        <translation>エラーの詳細</translation>
    </message>
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
    <name>Feedback</name>
    <message>
        <source>%1 saved it at %2.</source>
        <translation>%1 が %2 に保存しました。</translation>
    </message>
    <message>
        <source>It now holds:</source>
        <translation>現在の内容:</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>他の人が変更しました</translation>
    </message>
    <message>
        <source>Your change was not saved: someone else saved this record after you opened it. Reload it and make your change again.</source>
        <translation>あなたの変更は保存されていません。開いた後に他の人がこの記録を保存しました。読み込み直してから、もう一度変更してください。</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>許可されていません</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>保存できませんでした</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>出力しています…</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>出力しました</translation>
    </message>
    <message>
        <source>The file was written:
%1</source>
        <translation>ファイルを書き出しました:
%1</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>ファイルを開く</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>フォルダーを開く</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.tsv *.txt);;All files (*)</source>
        <translation>表形式ファイル (*.xlsx *.csv *.tsv *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>取り込んでいます…</translation>
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
    <name>FirstRunWizard</name>
    <message>
        <source>Setting up the database…</source>
        <translation>データベースを設定しています…</translation>
    </message>
    <message>
        <source>The set-up did not finish: %1</source>
        <translation>設定を完了できませんでした: %1</translation>
    </message>
    <message>
        <source>Set up ecmanual</source>
        <translation>ecmanual の設定</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; 戻る</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>次へ &gt;</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>%1: not a date (YYYY-MM-DD)</source>
        <translation>%1: 日付（YYYY-MM-DD）ではありません</translation>
    </message>
</context>
<context>
    <name>GlossaryModel</name>
    <message>
        <source>Term</source>
        <translation>用語</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>読み</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>定義</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英語</translation>
    </message>
</context>
<context>
    <name>GlossaryView</name>
    <message>
        <source>All categories</source>
        <translation>すべての分類</translation>
    </message>
    <message>
        <source>%1 of %2 terms</source>
        <translation>%2 語中 %1 語</translation>
    </message>
    <message>
        <source>Related:</source>
        <translation>関連用語:</translation>
    </message>
    <message>
        <source>Delete term</source>
        <translation>用語の削除</translation>
    </message>
    <message>
        <source>Delete 「%1」 from the glossary?</source>
        <translation>用語集から「%1」を削除しますか？</translation>
    </message>
    <message>
        <source>Import glossary</source>
        <translation>用語集の取り込み</translation>
    </message>
    <message>
        <source>Glossary imported</source>
        <translation>用語集を取り込みました</translation>
    </message>
    <message>
        <source>%1 added, %2 changed, %3 unchanged.</source>
        <translation>追加 %1 語、変更 %2 語、変更なし %3 語。</translation>
    </message>
    <message>
        <source>Search term, reading (かな/カナ) or English</source>
        <translation>用語・読み（かな/カナ）・英語で検索</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Add term…</source>
        <translation>用語を追加…</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Import from Excel/CSV…</source>
        <translation>Excel/CSVから取り込み…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>出力…</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>What needs attention today: overdue and due-soon trainings, open review findings, runs waiting for approval, duties and pages due for review. Double-click an item to go to its place.</source>
        <translation>今日対応が必要なこと：期限切れ・期限間近の研修、未対応の棚卸し指摘、承認待ちのチェックリスト、業務カレンダーの予定、見直し時期のマニュアルページ。項目をダブルクリックすると該当の画面を開きます。</translation>
    </message>
    <message>
        <source>Who does what: departments, staff and roles, and for every process step who is Responsible, Accountable, Consulted and Informed. Type R, A, C or I in a cell; every step needs exactly one A.</source>
        <translation>誰が何を担当するか：部署・スタッフ・役割と、業務の各ステップの実行責任者（R）・説明責任者（A）・協議先（C）・報告先（I）。セルを選んで R・A・C・I キーで設定します。各ステップには A がちょうど1つ必要です。</translation>
    </message>
    <message>
        <source>The trainings each role needs and who completed them. Record a completion, plan sessions, and watch certifications that expire.</source>
        <translation>役割ごとに必要な研修と、その受講状況。受講の記録、研修日程の計画、期限の近い認定の確認を行います。</translation>
    </message>
    <message>
        <source>Quarterly permission reviews: import each system&apos;s account list, check the findings (leavers, shared or dormant accounts, MFA off), decide keep or remove for every account and sign the review off.</source>
        <translation>四半期ごとの権限棚卸し：システムごとのアカウント一覧を取り込み、指摘（退職者・共有アカウント・休眠アカウント・MFA 無効）を確認し、アカウントごとに継続か削除かを決めて承認します。</translation>
    </message>
    <message>
        <source>Start a checklist from a template, tick each item with its evidence and submit it; a second person approves or returns it.</source>
        <translation>テンプレートからチェックリストを開始し、各項目を根拠とともに確認して提出します。別の担当者が承認または差し戻します。</translation>
    </message>
    <message>
        <source>Document templates: fill in the fields of a notice, request or report and export the finished document.</source>
        <translation>文書テンプレート：お知らせ・依頼書・報告書の項目を入力し、できあがった文書を出力します。</translation>
    </message>
    <message>
        <source>The team&apos;s terms with reading and meaning. Terms are underlined in the manual pages; hover one to read its meaning.</source>
        <translation>チームで使う用語の読みと意味。マニュアルのページでは用語に下線が付き、マウスを重ねると意味が表示されます。</translation>
    </message>
    <message>
        <source>The operations manual. Propose a change with Edit; an approver publishes it. Pages are reviewed on a cycle, and required pages are acknowledged with “I have read this”.</source>
        <translation>運用マニュアル。「編集」で変更を提案し、承認者が公開します。各ページは周期的に見直され、必読のページは「読みました」で既読を記録します。</translation>
    </message>
    <message>
        <source>The risk register, and incidents recorded step by step along the agreed response flow.</source>
        <translation>リスク一覧と、定められた対応フローに沿って一歩ずつ記録するインシデント。</translation>
    </message>
    <message>
        <source>Every change with who made it and when. The log is chained, so a change made outside the app shows as a break.</source>
        <translation>すべての変更と、誰がいつ行ったか。ログは連鎖しているため、アプリの外で行われた変更は途切れとして現れます。</translation>
    </message>
    <message>
        <source>Language and appearance of this PC, the organisation&apos;s settings (administrators) and where the data and log are kept.</source>
        <translation>この PC の言語と外観、組織の設定（管理者）、データとログの保存場所。</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Help: %1</source>
        <translation>ヘルプ: %1</translation>
    </message>
    <message>
        <source>Open the manual page “%1”</source>
        <translation>マニュアルのページ「%1」を開く</translation>
    </message>
    <message>
        <source>The manual page %1 is not in this database</source>
        <translation>マニュアルのページ %1 はこのデータベースにありません</translation>
    </message>
</context>
<context>
    <name>HireDialog</name>
    <message>
        <source>Hire a person</source>
        <translation>入社者の登録</translation>
    </message>
    <message>
        <source>In kana, e.g. ヤマモト イチロウ</source>
        <translation>カナで。例: ヤマモト イチロウ</translation>
    </message>
    <message>
        <source>The onboarding plan is made from the templates of the department and the job roles: trainings with their due days, manual pages to read, and the accounts to request.</source>
        <translation>オンボーディング計画は部署と役割の雛形から作られます。期限つきの研修、読むべきマニュアル、申請するアカウントが入ります。</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>氏名 *</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>読み</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <source>Department *</source>
        <translation>部署 *</translation>
    </message>
    <message>
        <source>Job roles</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Hire date *</source>
        <translation>入社日 *</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>上長</translation>
    </message>
    <message>
        <source>Hire and make the plan</source>
        <translation>登録して計画を作成</translation>
    </message>
    <message>
        <source>Enter the person&apos;s name.</source>
        <translation>氏名を入力してください。</translation>
    </message>
    <message>
        <source>Choose a department.</source>
        <translation>部署を選んでください。</translation>
    </message>
</context>
<context>
    <name>ImportMappingDialog</name>
    <message>
        <source>Import accounts</source>
        <translation>アカウントの取込</translation>
    </message>
    <message>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>Preview of the file</source>
        <translation>ファイルのプレビュー</translation>
    </message>
    <message>
        <source>(not in the file)</source>
        <translation>(ファイルにない)</translation>
    </message>
    <message>
        <source>%1 — %2 %3, header on row %4, %5 data rows</source>
        <translation>%1 — %2 %3、見出しは %4 行目、データ %5 行</translation>
    </message>
    <message>
        <source>Cannot import as mapped:</source>
        <translation>この対応付けでは取り込めません:</translation>
    </message>
    <message>
        <source>the required column %1 is missing; choose the column of the file that holds it.</source>
        <translation>必須の列「%1」がありません。その内容が入っている列を選んでください。</translation>
    </message>
    <message>
        <source>%1 is taken from %2.</source>
        <translation>%1 は %2 から取ります。</translation>
    </message>
    <message>
        <source>The same column is chosen for two fields.</source>
        <translation>同じ列が二つの項目に選ばれています。</translation>
    </message>
    <message>
        <source>Columns not imported:</source>
        <translation>取り込まない列:</translation>
    </message>
    <message>
        <source>Every column of the file is used.</source>
        <translation>ファイルのすべての列を使います。</translation>
    </message>
    <message>
        <source>not a known column name; ignored</source>
        <translation>既知の列名ではないため使いません</translation>
    </message>
    <message>
        <source>left out by the mapping</source>
        <translation>対応付けで除外しました</translation>
    </message>
    <message>
        <source>names a field already read from another column; ignored</source>
        <translation>別の列から読み込む項目と同じため使いません</translation>
    </message>
    <message>
        <source>System:</source>
        <translation>システム:</translation>
    </message>
    <message>
        <source>Columns (* required)</source>
        <translation>列の対応付け(* は必須)</translation>
    </message>
    <message>
        <source>Remember this mapping for %1</source>
        <translation>%1 の対応付けとして記憶する</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>取り込む</translation>
    </message>
</context>
<context>
    <name>IncidentDialog</name>
    <message>
        <source>Note on this step</source>
        <translation>このステップのメモ</translation>
    </message>
    <message>
        <source>What was done (note for the record)</source>
        <translation>実施した内容（記録用メモ）</translation>
    </message>
    <message>
        <source>Create emergency contact (緊急対応連絡)…</source>
        <translation>緊急対応連絡を作成…</translation>
    </message>
    <message>
        <source>Emergency checklist (緊急対応チェックリスト)</source>
        <translation>緊急対応チェックリスト</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Incident %1 — %2</source>
        <translation>インシデント %1 — %2</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>open</source>
        <translation>対応中</translation>
    </message>
    <message>
        <source>occurred %1</source>
        <translation>発生 %1</translation>
    </message>
    <message>
        <source>reported by %1</source>
        <translation>報告者 %1</translation>
    </message>
    <message>
        <source>risk: %1</source>
        <translation>リスク: %1</translation>
    </message>
    <message>
        <source>next</source>
        <translation>次の手順</translation>
    </message>
    <message>
        <source>Complete step %1: %2</source>
        <translation>手順 %1「%2」を完了</translation>
    </message>
    <message>
        <source>All steps done</source>
        <translation>全手順完了</translation>
    </message>
    <message>
        <source>Incident %1: %2</source>
        <translation>インシデント %1: %2</translation>
    </message>
</context>
<context>
    <name>ItemRow</name>
    <message>
        <source>(optional)</source>
        <translation>（任意）</translation>
    </message>
    <message>
        <source>Note on “%1”</source>
        <translation>「%1」のメモ</translation>
    </message>
    <message>
        <source>Note (evidence, what was checked)</source>
        <translation>メモ（確認した内容・根拠）</translation>
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
    <name>LeaveDialog</name>
    <message>
        <source>Record a leaver: %1</source>
        <translation>退職の記録: %1</translation>
    </message>
    <message>
        <source>Show what loses its owner</source>
        <translation>担当者がいなくなるものを表示</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>退職日</translation>
    </message>
    <message>
        <source>What the leaver is responsible for</source>
        <translation>退職者が担当していること</translation>
    </message>
    <message>
        <source>What</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Record leaver</source>
        <translation>退職を記録</translation>
    </message>
    <message>
        <source>Not a date (YYYY-MM-DD).</source>
        <translation>日付（YYYY-MM-DD）ではありません。</translation>
    </message>
    <message>
        <source>%1 item(s) lose their owner and need someone new.</source>
        <translation>%1 件の担当者がいなくなります。後任を決めてください。</translation>
    </message>
    <message>
        <source>Nothing loses its owner.</source>
        <translation>担当者がいなくなるものはありません。</translation>
    </message>
</context>
<context>
    <name>Loading</name>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
</context>
<context>
    <name>LockedPage</name>
    <message>
        <source>Locked: enter your password to continue.</source>
        <translation>ロック中です。続けるにはパスワードを入力してください。</translation>
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
        <source>The password was not changed, so you are not signed in.</source>
        <translation>パスワードが変更されなかったため、サインインしていません。</translation>
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
        <source>Opening the database…</source>
        <translation>データベースを開いています…</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>データベース: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>That record is no longer shown in this area.</source>
        <translation>その記録はこの画面にはもう表示されていません。</translation>
    </message>
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
        <source>Change &amp;password…</source>
        <translation>パスワードの変更(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Database connection…</source>
        <translation>データベース接続(&amp;D)…</translation>
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
        <source>Help for this screen</source>
        <translation>この画面のヘルプ</translation>
    </message>
    <message>
        <source>Help for this screen (F1)</source>
        <translation>この画面のヘルプ（F1）</translation>
    </message>
    <message>
        <source>&amp;Search…</source>
        <translation>検索(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>最新の情報に更新(&amp;R)</translation>
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
        <source>Password changed.</source>
        <translation>パスワードを変更しました。</translation>
    </message>
    <message>
        <source>About ecmanual</source>
        <translation>ecmanual について</translation>
    </message>
</context>
<context>
    <name>ManualEditDialog</name>
    <message>
        <source>Edit %1</source>
        <translation>%1 を編集</translation>
    </message>
    <message>
        <source>Editing the published text (v%1).</source>
        <translation>公開中の本文（第%1版）を編集しています。</translation>
    </message>
    <message>
        <source>The page has no published text yet.</source>
        <translation>このページにはまだ公開された本文がありません。</translation>
    </message>
    <message>
        <source>%1 draft(s) are already waiting to be published; check the history first.</source>
        <translation>公開待ちの下書きがすでに %1 件あります。先に履歴を確認してください。</translation>
    </message>
    <message>
        <source>Saving creates a draft. The published text stays until an approver other than you publishes it.</source>
        <translation>保存すると下書きになります。あなた以外の承認者が公開するまで、公開中の本文は変わりません。</translation>
    </message>
    <message>
        <source>Page text (Markdown)</source>
        <translation>ページの本文（Markdown）</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>プレビュー</translation>
    </message>
    <message>
        <source>What changed and why (required)</source>
        <translation>何をなぜ変えたか（必須）</translation>
    </message>
    <message>
        <source>Change summary</source>
        <translation>変更概要</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>下書きを保存</translation>
    </message>
</context>
<context>
    <name>ManualHistoryDialog</name>
    <message>
        <source>History of %1</source>
        <translation>%1 の履歴</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版</translation>
    </message>
    <message>
        <source>Text of the selected version</source>
        <translation>選択した版の本文</translation>
    </message>
    <message>
        <source>Compare the selected version with</source>
        <translation>選択した版と比較する版</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>本文</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>差分</translation>
    </message>
    <message>
        <source>Reason for rejecting</source>
        <translation>却下の理由</translation>
    </message>
    <message>
        <source>Publish this draft</source>
        <translation>この下書きを公開</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>却下</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>The author of a draft cannot publish it (four-eyes principle).</source>
        <translation>下書きの作成者は公開できません（4眼原則）。</translation>
    </message>
    <message>
        <source>The two versions have the same text.</source>
        <translation>2つの版の本文は同じです。</translation>
    </message>
</context>
<context>
    <name>ManualModels</name>
    <message>
        <source>Page</source>
        <translation>ページ</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>公開版</translation>
    </message>
    <message>
        <source>Next review</source>
        <translation>次回見直し</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>下書き</translation>
    </message>
    <message>
        <source>Review overdue since %1</source>
        <translation>%1 から見直し期限切れ</translation>
    </message>
    <message>
        <source>Drafts waiting to be published</source>
        <translation>公開待ちの下書きがあります</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>下書き</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>却下</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>変更概要</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作成者</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>Published by</source>
        <translation>公開承認者</translation>
    </message>
    <message>
        <source>Published on</source>
        <translation>公開日時</translation>
    </message>
</context>
<context>
    <name>ManualView</name>
    <message>
        <source>v%1 published %2</source>
        <translation>第%1版（%2 公開）</translation>
    </message>
    <message>
        <source>not published yet</source>
        <translation>未公開</translation>
    </message>
    <message>
        <source>review overdue since %1</source>
        <translation>見直し期限切れ（%1）</translation>
    </message>
    <message>
        <source>next review %1</source>
        <translation>次回見直し %1</translation>
    </message>
    <message>
        <source>%1 draft(s) waiting</source>
        <translation>公開待ちの下書き %1 件</translation>
    </message>
    <message>
        <source>You acknowledged this version on %1.</source>
        <translation>あなたは %1 にこの版を既読確認しました。</translation>
    </message>
    <message>
        <source>Read and acknowledged by %1 people.</source>
        <translation>既読確認 %1 人。</translation>
    </message>
    <message>
        <source>Edit (propose a change)…</source>
        <translation>編集（変更を提案）…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>History and drafts…</source>
        <translation>履歴・下書き…</translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation>見直し済みにする</translation>
    </message>
    <message>
        <source>The page was checked and still holds; the next review is due one cycle from today.</source>
        <translation>内容を確認し、変更不要と判断しました。次回見直しは今日から1周期後になります。</translation>
    </message>
    <message>
        <source>I have read this</source>
        <translation>読みました（既読確認）</translation>
    </message>
    <message>
        <source>Export manual (PDF)…</source>
        <translation>マニュアルをPDFで出力…</translation>
    </message>
</context>
<context>
    <name>NotificationBanner</name>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>OpenIncidentDialog</name>
    <message>
        <source>Open an incident</source>
        <translation>インシデントの登録</translation>
    </message>
    <message>
        <source>e.g. Wrong content sent to all LINE friends</source>
        <translation>例: LINE友だち全員に誤った内容を配信</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>What happened *</source>
        <translation>何が起きたか *</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <source>Risk in the register</source>
        <translation>該当するリスク</translation>
    </message>
    <message>
        <source>Occurred at</source>
        <translation>発生日時</translation>
    </message>
    <message>
        <source>Open incident</source>
        <translation>登録する</translation>
    </message>
</context>
<context>
    <name>OrgDialogs</name>
    <message>
        <source>Name *</source>
        <translation>名称 *</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英語名</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>Edit department</source>
        <translation>部署の編集</translation>
    </message>
    <message>
        <source>New department</source>
        <translation>部署の追加</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Responsibilities</source>
        <translation>責任・業務内容</translation>
    </message>
    <message>
        <source>Edit job role</source>
        <translation>役割の編集</translation>
    </message>
    <message>
        <source>New job role</source>
        <translation>役割の追加</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在籍</translation>
    </message>
    <message>
        <source>On leave</source>
        <translation>休職中</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>退職</translation>
    </message>
    <message>
        <source>Reading (kana)</source>
        <translation>読み（カナ）</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <source>Employment</source>
        <translation>雇用形態</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Hired</source>
        <translation>入社日</translation>
    </message>
    <message>
        <source>Edit staff member</source>
        <translation>スタッフの編集</translation>
    </message>
    <message>
        <source>New staff member</source>
        <translation>スタッフの追加</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Deputy</source>
        <translation>代行者</translation>
    </message>
    <message>
        <source>Job role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>スタッフ</translation>
    </message>
    <message>
        <source>As</source>
        <translation>区分</translation>
    </message>
    <message>
        <source>From</source>
        <translation>開始日</translation>
    </message>
    <message>
        <source>YYYY-MM-DD (empty: from now)</source>
        <translation>YYYY-MM-DD（空欄: 今日から）</translation>
    </message>
    <message>
        <source>Assign a job role</source>
        <translation>役割の割り当て</translation>
    </message>
    <message>
        <source>holder</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>deputy</source>
        <translation>代行者</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>割り当て</translation>
    </message>
    <message>
        <source>Last day *</source>
        <translation>最終日 *</translation>
    </message>
    <message>
        <source>Give the last day of the assignment.</source>
        <translation>割り当ての最終日を入力してください。</translation>
    </message>
    <message>
        <source>End an assignment</source>
        <translation>割り当ての終了</translation>
    </message>
</context>
<context>
    <name>OrgImpact</name>
    <message>
        <source>owner</source>
        <translation>担当</translation>
    </message>
    <message>
        <source>deputy</source>
        <translation>代行</translation>
    </message>
    <message>
        <source>owner through the role</source>
        <translation>役割として担当</translation>
    </message>
    <message>
        <source>Job roles left without a holder</source>
        <translation>担当者がいなくなる役割</translation>
    </message>
    <message>
        <source>deputies: %1</source>
        <translation>代行者: %1</translation>
    </message>
    <message>
        <source>RACI cells of those roles</source>
        <translation>その役割の RACI</translation>
    </message>
    <message>
        <source>Duties on the calendar</source>
        <translation>業務カレンダーの定例業務</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>承認</translation>
    </message>
    <message>
        <source>SaaS systems they own</source>
        <translation>オーナーになっている SaaS</translation>
    </message>
    <message>
        <source>People who report to them</source>
        <translation>部下</translation>
    </message>
    <message>
        <source>Roles losing their deputy</source>
        <translation>代行者がいなくなる役割</translation>
    </message>
    <message>
        <source>no deputy left</source>
        <translation>代行者がいなくなります</translation>
    </message>
    <message>
        <source>other deputies: %1</source>
        <translation>他の代行者: %1</translation>
    </message>
    <message>
        <source>still held by %1</source>
        <translation>%1 が引き続き担当</translation>
    </message>
    <message>
        <source>Roles that keep another holder</source>
        <translation>他の担当者が残る役割</translation>
    </message>
</context>
<context>
    <name>OrganisationPage</name>
    <message>
        <source>Delete the department %1? Its RACI cells are deleted too.</source>
        <translation>部署「%1」を削除しますか？ その RACI も削除されます。</translation>
    </message>
    <message>
        <source>Delete department</source>
        <translation>部署の削除</translation>
    </message>
    <message>
        <source>Delete job role</source>
        <translation>役割の削除</translation>
    </message>
    <message>
        <source>Delete the job role %1? Its RACI cells and assignments are deleted too.</source>
        <translation>役割「%1」を削除しますか？ その RACI と割り当ても削除されます。</translation>
    </message>
    <message>
        <source>End an assignment</source>
        <translation>割り当ての終了</translation>
    </message>
    <message>
        <source>Nobody holds %1 now.</source>
        <translation>%1 は現在だれも担当していません。</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Job roles, holders and deputies</source>
        <translation>役割・担当者・代行者</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>スタッフ</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>追加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Assign holder or deputy…</source>
        <translation>担当者・代行者を割り当て…</translation>
    </message>
    <message>
        <source>End assignment…</source>
        <translation>割り当てを終了…</translation>
    </message>
    <message>
        <source>Record leaver…</source>
        <translation>退職を記録…</translation>
    </message>
</context>
<context>
    <name>PasswordChangeDialog</name>
    <message>
        <source>The two new passwords differ.</source>
        <translation>新しいパスワードが一致しません。</translation>
    </message>
    <message>
        <source>The new password must differ from the current one.</source>
        <translation>新しいパスワードは現在のパスワードと違うものにしてください。</translation>
    </message>
    <message>
        <source>Could not change the password: %1</source>
        <translation>パスワードを変更できませんでした: %1</translation>
    </message>
    <message>
        <source>Change password — ecmanual</source>
        <translation>パスワードの変更 — ecmanual</translation>
    </message>
    <message>
        <source>Your password was set by an administrator. Choose your own password before you start; cancelling signs you out.</source>
        <translation>このパスワードは管理者が設定したものです。利用を始める前に、ご自身のパスワードに変更してください。キャンセルするとサインインしません。</translation>
    </message>
    <message>
        <source>Change the password of %1.</source>
        <translation>%1 さんのパスワードを変更します。</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>現在のパスワード</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新しいパスワード</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>新しいパスワード（確認）</translation>
    </message>
    <message>
        <source>At least %1 characters, mixing two of: lower case, upper case, digits, symbols; not containing the user name; different from the current one.</source>
        <translation>%1文字以上で、英小文字・英大文字・数字・記号のうち2種類以上を含め、ユーザー名を含まず、現在のパスワードと違うものにしてください。</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <source> (left)</source>
        <translation>（退職）</translation>
    </message>
    <message>
        <source>No staff yet: add people on the Organisation tab or import a staff list.</source>
        <translation>スタッフが登録されていません。「組織」タブで追加するか、スタッフ一覧を取り込んでください。</translation>
    </message>
    <message>
        <source>%1: %2 responsibilities; %3 would lose their owner if %1 left on %4.</source>
        <translation>%1: 担当 %2 件。%4 に退職した場合、%3 件の担当者がいなくなります。</translation>
    </message>
    <message>
        <source>holder</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>deputy</source>
        <translation>代行者</translation>
    </message>
    <message>
        <source>via department %1</source>
        <translation>所属部署 %1 として</translation>
    </message>
    <message>
        <source>via job role %1</source>
        <translation>役割 %1 として</translation>
    </message>
    <message>
        <source>as deputy of %1</source>
        <translation>%1 の代行として</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>担当</translation>
    </message>
    <message>
        <source>owner through a job role</source>
        <translation>役割として担当</translation>
    </message>
    <message>
        <source>owner through the department</source>
        <translation>部署として担当</translation>
    </message>
    <message>
        <source>Job roles</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Process steps (RACI)</source>
        <translation>業務ステップ（RACI）</translation>
    </message>
    <message>
        <source>Duties on the calendar</source>
        <translation>業務カレンダーの定例業務</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>承認</translation>
    </message>
    <message>
        <source>Who covers for them</source>
        <translation>この人の代行者</translation>
    </message>
    <message>
        <source>no deputy</source>
        <translation>代行者なし</translation>
    </message>
    <message>
        <source>Whom they cover for</source>
        <translation>この人が代行している役割</translation>
    </message>
    <message>
        <source>nobody holds it</source>
        <translation>担当者なし</translation>
    </message>
    <message>
        <source>Reporting line</source>
        <translation>報告ライン</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>上長</translation>
    </message>
    <message>
        <source>Reports to them</source>
        <translation>部下</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>基準日</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>出力…</translation>
    </message>
    <message>
        <source>What they are responsible for</source>
        <translation>担当していること</translation>
    </message>
    <message>
        <source>If they leave: what loses its owner</source>
        <translation>退職した場合に担当者がいなくなるもの</translation>
    </message>
    <message>
        <source>Assign a successor…</source>
        <translation>後任を割り当て…</translation>
    </message>
    <message>
        <source>Record leaver…</source>
        <translation>退職を記録…</translation>
    </message>
    <message>
        <source>What</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>PersonPanel</name>
    <message>
        <source>Choose a person in the matrix</source>
        <translation>マトリクスで人を選んでください</translation>
    </message>
    <message>
        <source>%1 · hired %2</source>
        <translation>%1 · 入社 %2</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>受講要件</translation>
    </message>
    <message>
        <source>Completions</source>
        <translation>受講記録</translation>
    </message>
    <message>
        <source>Certifications</source>
        <translation>認定</translation>
    </message>
</context>
<context>
    <name>PgConnectionForm</name>
    <message>
        <source>Enter the server&apos;s name or address.</source>
        <translation>サーバーの名前またはアドレスを入力してください。</translation>
    </message>
    <message>
        <source>The port must be between 1 and 65535.</source>
        <translation>ポートは 1〜65535 の範囲で指定してください。</translation>
    </message>
    <message>
        <source>Enter the database name.</source>
        <translation>データベース名を入力してください。</translation>
    </message>
    <message>
        <source>Enter the user name on the server.</source>
        <translation>サーバー上のユーザー名を入力してください。</translation>
    </message>
    <message>
        <source>Choose a TLS mode.</source>
        <translation>TLS モードを選んでください。</translation>
    </message>
    <message>
        <source>verify-ca and verify-full need the root certificate file of the server&apos;s certificate authority; the file must exist.</source>
        <translation>verify-ca と verify-full には、サーバー証明書を発行した認証局のルート証明書ファイルが必要です（存在するファイルを指定してください）。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>接続しています…</translation>
    </message>
    <message>
        <source>Connected (PostgreSQL %1). The database is empty: ecmanual will set it up.</source>
        <translation>接続できました（PostgreSQL %1）。データベースは空です。ecmanual が初期設定します。</translation>
    </message>
    <message>
        <source>Connected (PostgreSQL %1). ecmanual&apos;s tables exist but there are no users yet.</source>
        <translation>接続できました（PostgreSQL %1）。ecmanual のテーブルはありますが、ユーザーはまだいません。</translation>
    </message>
    <message>
        <source>Connected (PostgreSQL %1). ecmanual is already set up here: sign in with your account.</source>
        <translation>接続できました（PostgreSQL %1）。ここでは ecmanual の設定が済んでいます。ご自分のアカウントでサインインしてください。</translation>
    </message>
    <message>
        <source>Could not connect: %1</source>
        <translation>接続できませんでした: %1</translation>
    </message>
    <message>
        <source>Root certificate</source>
        <translation>ルート証明書</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>証明書 (*.crt *.pem *.cer);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>データベース</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>TLS (sslmode)</source>
        <translation>TLS（sslmode）</translation>
    </message>
    <message>
        <source>e.g. db.example.local</source>
        <translation>例: db.example.local</translation>
    </message>
    <message>
        <source>empty: the password this PC already keeps</source>
        <translation>空欄: この PC に保存済みのパスワードを使用</translation>
    </message>
    <message>
        <source>for verify-ca / verify-full</source>
        <translation>verify-ca / verify-full で使用</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>接続テスト</translation>
    </message>
    <message>
        <source>The password is kept in this PC&apos;s secure keyring (%1), never in a file.</source>
        <translation>パスワードはこの PC の安全なキーリング（%1）に保存され、ファイルには書き込まれません。</translation>
    </message>
    <message>
        <source>This PC has no secure keyring, so the password is kept for this session only and asked for again at the next start. It is never written to a file.</source>
        <translation>この PC には安全なキーリングがないため、パスワードはこのセッションの間だけ保持し、次回の起動時に再度入力を求めます。ファイルには書き込まれません。</translation>
    </message>
</context>
<context>
    <name>PlanPanel</name>
    <message>
        <source>No plan chosen</source>
        <translation>計画が選ばれていません</translation>
    </message>
    <message>
        <source>%1 — from %2 (%3)</source>
        <translation>%1 — %2 開始(%3)</translation>
    </message>
    <message>
        <source>PDF for signing…</source>
        <translation>署名用PDF…</translation>
    </message>
    <message>
        <source>The plan, requirements and training history with boxes for the new hire, the manager and the training coordinator</source>
        <translation>計画・受講要件・研修履歴に、本人・上長・教育担当の署名欄をつけたPDF</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Print %1</source>
        <translation>%1 を印刷</translation>
    </message>
</context>
<context>
    <name>RaciGrid</name>
    <message>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
    <message>
        <source>Edit note…</source>
        <translation>備考を編集…</translation>
    </message>
</context>
<context>
    <name>RaciMatrixModel</name>
    <message>
        <source>Responsible: does the work</source>
        <translation>実行責任者（Responsible）: 作業を行う</translation>
    </message>
    <message>
        <source>Accountable: answers for the result and approves (exactly one)</source>
        <translation>説明責任者（Accountable）: 結果に責任を持ち承認する（1つだけ）</translation>
    </message>
    <message>
        <source>Consulted: asked before</source>
        <translation>協議先（Consulted）: 事前に相談を受ける</translation>
    </message>
    <message>
        <source>Informed: told after</source>
        <translation>報告先（Informed）: 結果の報告を受ける</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Job role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Holders: %1</source>
        <translation>担当者: %1</translation>
    </message>
    <message>
        <source>Deputies: %1</source>
        <translation>代行者: %1</translation>
    </message>
    <message>
        <source> (four eyes)</source>
        <translation>（4眼）</translation>
    </message>
    <message>
        <source>Four eyes: the Responsible and the Accountable must be different people.</source>
        <translation>4眼: 実行者（R）と承認者（A）は別の人でなければなりません。</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>備考: %1</translation>
    </message>
</context>
<context>
    <name>RaciMatrixPage</name>
    <message>
        <source>Checks: %1 errors, %2 warnings</source>
        <translation>検証: エラー %1 件、警告 %2 件</translation>
    </message>
    <message>
        <source>Checks: no issues</source>
        <translation>検証: 問題なし</translation>
    </message>
    <message>
        <source>Set %1</source>
        <translation>%1 に設定</translation>
    </message>
    <message>
        <source>Clear cells</source>
        <translation>セルのクリア</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>備考の編集</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>Note for this cell (e.g. 主担当, 表現確認):</source>
        <translation>このセルの備考（例: 主担当、表現確認）:</translation>
    </message>
    <message>
        <source>Someone else changed this cell after the matrix was loaded. The matrix has been reloaded; check the cell and try again.</source>
        <translation>マトリクスを読み込んだ後に、他の人がこのセルを変更しました。マトリクスを読み込み直したので、セルを確認してからもう一度操作してください。</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>保存できませんでした</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>やり直し</translation>
    </message>
    <message>
        <source>Loading the matrix…</source>
        <translation>マトリクスを読み込んでいます…</translation>
    </message>
    <message>
        <source>This cell no longer shows what the edit left there (it was changed since), so the edit cannot be undone or redone. The step is dropped from the undo history.</source>
        <translation>このセルはその後変更されているため、この編集を元に戻す・やり直すことはできません。この操作は履歴から外しました。</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>出力…</translation>
    </message>
    <message>
        <source>Show every job role</source>
        <translation>すべての役割を表示</translation>
    </message>
    <message>
        <source>Also show job roles that have no cell yet, to give them one.</source>
        <translation>まだセルのない役割も列に表示し、割り当てられるようにします。</translation>
    </message>
    <message>
        <source>Overloaded above</source>
        <translation>過負荷の上限</translation>
    </message>
    <message>
        <source> R per party</source>
        <translation> 件（当事者ごとの R）</translation>
    </message>
    <message>
        <source>A party with more R cells than this is reported as overloaded.</source>
        <translation>R の数がこれを超える当事者を過負荷として警告します。</translation>
    </message>
    <message>
        <source>Select cells and press R, A, C or I to set them, Delete to clear them (or right-click). Each step needs exactly one A and at least one R.</source>
        <translation>セルを選んで R・A・C・I キーで設定、Delete キーでクリアします（右クリックでも操作できます）。各ステップには A がちょうど1つ、R が1つ以上必要です。</translation>
    </message>
    <message>
        <source>You may view the matrix; changing it needs the edit permission.</source>
        <translation>閲覧のみできます。変更には編集権限が必要です。</translation>
    </message>
</context>
<context>
    <name>RaciTables</name>
    <message>
        <source>Active</source>
        <translation>在籍</translation>
    </message>
    <message>
        <source>On leave</source>
        <translation>休職中</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>退職</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英語名</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>Job role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Holders</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Deputies</source>
        <translation>代行者</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>読み</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <source>Employment</source>
        <translation>雇用形態</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Hired</source>
        <translation>入社日</translation>
    </message>
    <message>
        <source>Leave date</source>
        <translation>退職日</translation>
    </message>
    <message>
        <source>Update type</source>
        <translation>更新タイプ</translation>
    </message>
    <message>
        <source>Check points</source>
        <translation>確認ポイント</translation>
    </message>
    <message>
        <source>Approval level</source>
        <translation>承認レベル</translation>
    </message>
    <message>
        <source>How often</source>
        <translation>頻度</translation>
    </message>
    <message>
        <source>Approvers</source>
        <translation>承認者</translation>
    </message>
    <message>
        <source>(decided by the %1)</source>
        <translation>（%1で決定）</translation>
    </message>
</context>
<context>
    <name>RaciView</name>
    <message>
        <source>Matrix</source>
        <translation>マトリクス</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Who does what</source>
        <translation>担当一覧</translation>
    </message>
    <message>
        <source>Operations calendar</source>
        <translation>業務カレンダー</translation>
    </message>
    <message>
        <source>Approval levels</source>
        <translation>承認レベル</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <source>ecmanual: %1 items need attention</source>
        <translation>ecmanual: 対応が必要な項目が %1 件あります</translation>
    </message>
    <message>
        <source>ecmanual: nothing is due</source>
        <translation>ecmanual: 期限の来ている項目はありません</translation>
    </message>
    <message>
        <source>Open dashboard</source>
        <translation>ダッシュボードを開く</translation>
    </message>
</context>
<context>
    <name>ReviewAccountsModel</name>
    <message>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>ログインID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>権限</translation>
    </message>
    <message>
        <source>Standard level</source>
        <translation>標準レベル</translation>
    </message>
    <message>
        <source>MFA</source>
        <translation>二段階認証</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>最終ログイン</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>本人・所有者</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>指摘</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>判断</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Linked by name: confirm or correct the link</source>
        <translation>氏名で紐づけました。確定するか正しく紐づけ直してください</translation>
    </message>
</context>
<context>
    <name>ReviewDecisions</name>
    <message>
        <source>Keep</source>
        <translation>継続</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>変更</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>削除</translation>
    </message>
</context>
<context>
    <name>ReviewFindings</name>
    <message>
        <source>Leaver</source>
        <translation>退職者</translation>
    </message>
    <message>
        <source>No owner</source>
        <translation>所有者不明</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>共有アカウント</translation>
    </message>
    <message>
        <source>Dormant</source>
        <translation>長期未使用</translation>
    </message>
    <message>
        <source>MFA off</source>
        <translation>二段階認証なし</translation>
    </message>
    <message>
        <source>Admin not allowed</source>
        <translation>管理者権限の対象外</translation>
    </message>
    <message>
        <source>Level not allowed</source>
        <translation>権限の対象外</translation>
    </message>
    <message>
        <source>Unknown level</source>
        <translation>権限の対応なし</translation>
    </message>
    <message>
        <source>New</source>
        <translation>前回以降の新規</translation>
    </message>
    <message>
        <source>Privilege raised</source>
        <translation>権限の引き上げ</translation>
    </message>
</context>
<context>
    <name>ReviewSignOffDialog</name>
    <message>
        <source>Write in the note why the review goes back.</source>
        <translation>差し戻す理由をメモに書いてください。</translation>
    </message>
    <message>
        <source>Sign as reviewer</source>
        <translation>実施者として署名</translation>
    </message>
    <message>
        <source>You confirm that every account of %1 has been reviewed and submit the review for approval by another person.</source>
        <translation>%1 のすべてのアカウントを確認したことを確認し、別の者の承認に回します。</translation>
    </message>
    <message>
        <source>Approve the review</source>
        <translation>棚卸しの承認</translation>
    </message>
    <message>
        <source>The approver must be a different person from the reviewer (%1) and must not have decided any account. After approval the review is locked.</source>
        <translation>承認者は実施者(%1)と別の者で、アカウントの判断をしていない必要があります。承認すると棚卸しはロックされます。</translation>
    </message>
    <message>
        <source>Period: %1 (%2)</source>
        <translation>対象期間: %1(%2)</translation>
    </message>
    <message>
        <source>Decided: %1 of %2 accounts</source>
        <translation>判断済み: %2 件中 %1 件</translation>
    </message>
    <message>
        <source>Findings: %1; open remediation: %2</source>
        <translation>指摘: %1 件、未完了の是正: %2 件</translation>
    </message>
    <message>
        <source>Approver (user name):</source>
        <translation>承認者(ユーザー名):</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>パスワード:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>メモ:</translation>
    </message>
    <message>
        <source>Sign and submit</source>
        <translation>署名して提出</translation>
    </message>
    <message>
        <source>Approve and lock</source>
        <translation>承認してロック</translation>
    </message>
    <message>
        <source>Send back</source>
        <translation>差し戻す</translation>
    </message>
</context>
<context>
    <name>ReviewStartDialog</name>
    <message>
        <source>Write the period as e.g. 2026Q4.</source>
        <translation>対象期間は 2026Q4 のように書いてください。</translation>
    </message>
    <message>
        <source>A review for %1 already exists.</source>
        <translation>%1 の棚卸しはすでにあります。</translation>
    </message>
    <message>
        <source>Start a permission review</source>
        <translation>権限棚卸しを開始</translation>
    </message>
    <message>
        <source>Every account as imported now is frozen into the review; later imports do not change it. Dormancy and leavers count from the review date.</source>
        <translation>いま取り込まれているすべてのアカウントを棚卸しに固定します。以後の取込では変わりません。長期未使用と退職者は基準日で判定します。</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>対象期間:</translation>
    </message>
    <message>
        <source>Review date:</source>
        <translation>基準日:</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
</context>
<context>
    <name>ReviewTables</name>
    <message>
        <source>Open</source>
        <translation>実施中</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>承認待ち</translation>
    </message>
    <message>
        <source>Approved (locked)</source>
        <translation>承認済み(ロック済み)</translation>
    </message>
    <message>
        <source>Change level</source>
        <translation>権限変更</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>取込</translation>
    </message>
    <message>
        <source>Manual check</source>
        <translation>手動確認</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>未完了</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>期限超過</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Level changed</source>
        <translation>権限変更</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>対象期間</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Review date</source>
        <translation>棚卸し基準日</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>指摘</translation>
    </message>
    <message>
        <source>Open remediation</source>
        <translation>未完了の是正</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>実施者</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>承認者</translation>
    </message>
    <message>
        <source>Approved at</source>
        <translation>承認日時</translation>
    </message>
    <message>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>ログインID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>指摘</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>判断</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>対応</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>確認方法</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>確認メモ</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>責任者</translation>
    </message>
    <message>
        <source>MFA required</source>
        <translation>二段階認証必須</translation>
    </message>
    <message>
        <source>Dormant after (days)</source>
        <translation>未使用とみなす日数</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>アカウント数</translation>
    </message>
    <message>
        <source>Last import</source>
        <translation>最終取込</translation>
    </message>
    <message>
        <source>Levels (→ standard level)</source>
        <translation>権限(→ 標準レベル)</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>変化</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>変更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>変更後</translation>
    </message>
</context>
<context>
    <name>ReviewsView</name>
    <message>
        <source>anyone</source>
        <translation>全員</translation>
    </message>
    <message>
        <source>Who may hold each standard level: %1</source>
        <translation>標準レベルを保有できる者: %1</translation>
    </message>
    <message>
        <source>Compared with %1</source>
        <translation>%1 との比較</translation>
    </message>
    <message>
        <source>This is the first review; there is nothing to compare with.</source>
        <translation>初回の棚卸しのため、比較する前回はありません。</translation>
    </message>
    <message>
        <source>Freezing the accounts…</source>
        <translation>アカウントを固定しています…</translation>
    </message>
    <message>
        <source>Import accounts</source>
        <translation>アカウントの取込</translation>
    </message>
    <message>
        <source>Account lists (*.csv *.tsv *.txt *.xlsx);;All files (*)</source>
        <translation>アカウント一覧 (*.csv *.tsv *.txt *.xlsx);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Importing accounts…</source>
        <translation>アカウントを取り込んでいます…</translation>
    </message>
    <message>
        <source>%1 → %2: %3 added, %4 changed, %5 unchanged, %6 removed; %7 remediation task(s) closed.</source>
        <translation>%1 → %2: 追加 %3 件、変更 %4 件、変更なし %5 件、削除 %6 件。是正 %7 件を完了にしました。</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>取り込みませんでした</translation>
    </message>
    <message>
        <source>Export the review</source>
        <translation>棚卸し記録の出力</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>%1 に出力しました</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>出力しています…</translation>
    </message>
    <message>
        <source>Select the remediation task to verify.</source>
        <translation>確認する是正タスクを選んでください。</translation>
    </message>
    <message>
        <source>Verify by hand</source>
        <translation>手動で確認</translation>
    </message>
    <message>
        <source>How was it checked that %1 was done?</source>
        <translation>%1 の対応が済んだことをどう確認しましたか?</translation>
    </message>
    <message>
        <source>%1 remediation task(s) closed.</source>
        <translation>是正 %1 件を完了にしました。</translation>
    </message>
    <message>
        <source>Review:</source>
        <translation>棚卸し:</translation>
    </message>
    <message>
        <source>Start review…</source>
        <translation>棚卸しを開始…</translation>
    </message>
    <message>
        <source>Import accounts…</source>
        <translation>アカウントを取込…</translation>
    </message>
    <message>
        <source>Sign as reviewer…</source>
        <translation>実施者として署名…</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>承認…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>Excel workbook…</source>
        <translation>Excel ブック…</translation>
    </message>
    <message>
        <source>PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>棚卸し一覧</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>指摘</translation>
    </message>
    <message>
        <source>Remediation</source>
        <translation>是正</translation>
    </message>
    <message>
        <source>Changes since last review</source>
        <translation>前回からの変化</translation>
    </message>
    <message>
        <source>Systems</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>Check against imports</source>
        <translation>取込結果で確認</translation>
    </message>
    <message>
        <source>Verify by hand…</source>
        <translation>手動で確認…</translation>
    </message>
</context>
<context>
    <name>RiskModels</name>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>対応中</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>レベル</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>リスク</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Countermeasure</source>
        <translation>対応策</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>責任部門</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Occurred</source>
        <translation>発生日時</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>インシデント</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>次の手順</translation>
    </message>
</context>
<context>
    <name>RisksView</name>
    <message>
        <source>Countermeasure: %1</source>
        <translation>対応策: %1</translation>
    </message>
    <message>
        <source>Risk register</source>
        <translation>リスク一覧（想定リスクと対応策）</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>インシデント</translation>
    </message>
    <message>
        <source>Open incident…</source>
        <translation>インシデントを登録…</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Emergency checklist</source>
        <translation>緊急対応チェックリスト</translation>
    </message>
    <message>
        <source>Start the 緊急対応チェックリスト (for the selected open incident)</source>
        <translation>緊急対応チェックリストを開始（選択中の対応中インシデント用）</translation>
    </message>
    <message>
        <source>Show closed</source>
        <translation>完了分も表示</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>再読み込み</translation>
    </message>
</context>
<context>
    <name>SearchPalette</name>
    <message>
        <source>Glossary term</source>
        <translation>用語</translation>
    </message>
    <message>
        <source>Manual page</source>
        <translation>マニュアルページ</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>チェックリスト</translation>
    </message>
    <message>
        <source>Document template</source>
        <translation>文書テンプレート</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>業務プロセス</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Job role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>研修</translation>
    </message>
    <message>
        <source>SaaS system</source>
        <translation>SaaSシステム</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>リスク</translation>
    </message>
    <message>
        <source>Duty</source>
        <translation>定例業務</translation>
    </message>
    <message>
        <source>Type to search every area. ↑↓ to choose, Enter to open, Esc to close.</source>
        <translation>すべての領域を検索します。↑↓で選択、Enterで開く、Escで閉じる。</translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>見つかりませんでした。</translation>
    </message>
    <message>
        <source>Hits: %1. Enter opens the selected one.</source>
        <translation>%1 件見つかりました。Enterで選択中の項目を開きます。</translation>
    </message>
    <message>
        <source>Search every area (Ctrl+K)</source>
        <translation>すべての領域を検索（Ctrl+K）</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>検索結果</translation>
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
    <name>SessionDialog</name>
    <message>
        <source>Schedule a session</source>
        <translation>研修日程の登録</translation>
    </message>
    <message>
        <source>Edit session</source>
        <translation>研修日程の編集</translation>
    </message>
    <message>
        <source>Room, or the meeting link</source>
        <translation>会議室、またはオンライン会議のリンク</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>オンライン</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>制限なし</translation>
    </message>
    <message>
        <source>Course *</source>
        <translation>研修 *</translation>
    </message>
    <message>
        <source>Starts *</source>
        <translation>開始 *</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Instructor</source>
        <translation>講師</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>定員</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Add a course first.</source>
        <translation>先に研修を登録してください。</translation>
    </message>
</context>
<context>
    <name>SessionsPanel</name>
    <message>
        <source>No sessions planned in the next 180 days.</source>
        <translation>今後180日に予定された研修はありません。</translation>
    </message>
    <message>
        <source>Attendees: %1</source>
        <translation>参加者: %1</translation>
    </message>
    <message>
        <source>Cancel session</source>
        <translation>日程を中止</translation>
    </message>
    <message>
        <source>Cancel the session of %1 on %2? Its %3 registrations are removed; completions already recorded stay.</source>
        <translation>%2 の %1 を中止しますか?受講登録 %3 件は取り消されます。記録済みの受講記録は残ります。</translation>
    </message>
    <message>
        <source>Export calendar</source>
        <translation>カレンダーを出力</translation>
    </message>
    <message>
        <source>Calendar (*.ics)</source>
        <translation>カレンダー (*.ics)</translation>
    </message>
    <message>
        <source>Calendar exported</source>
        <translation>カレンダーを出力しました</translation>
    </message>
    <message>
        <source>%1 sessions and due dates were written to %2.</source>
        <translation>研修日程と期限 %1件を %2 に書き出しました。</translation>
    </message>
    <message>
        <source>Schedule session…</source>
        <translation>研修日程を登録…</translation>
    </message>
    <message>
        <source>Edit session…</source>
        <translation>日程を編集…</translation>
    </message>
    <message>
        <source>Attendees and attendance…</source>
        <translation>受講者と出欠…</translation>
    </message>
    <message>
        <source>Export calendar (.ics)…</source>
        <translation>カレンダーを出力 (.ics)…</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Saved. ecmanual opens %1 from the next start.</source>
        <translation>保存しました。次回の起動から %1 を開きます。</translation>
    </message>
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
        <source>Appearance</source>
        <translation>外観</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>システムの設定に合わせる</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
    <message>
        <source>Organisation (all PCs)</source>
        <translation>組織の設定（全PC共通）</translation>
    </message>
    <message>
        <source>Organisation name</source>
        <translation>組織名</translation>
    </message>
    <message>
        <source>Shown on the cover and footer of every export</source>
        <translation>すべての出力の表紙とフッターに表示されます</translation>
    </message>
    <message>
        <source>Lock after idle</source>
        <translation>自動ロックまでの時間</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>しない</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Without keyboard or mouse input for this long, the window hides its content and asks for the password again. 0 = never.</source>
        <translation>この時間キーボードやマウスの操作がないと、画面の内容を隠してパスワードを再度求めます（セッションタイムアウト）。0 にするとロックしません。</translation>
    </message>
    <message>
        <source>Only administrators can change it.</source>
        <translation>変更できるのは管理者だけです。</translation>
    </message>
    <message>
        <source>External exports</source>
        <translation>社外向けの出力</translation>
    </message>
    <message>
        <source>Ticked exports always leave the team: names and e-mail addresses in them are masked unless the person exporting is an administrator, and every such export is recorded.</source>
        <translation>チェックした出力は常に社外向けとして扱います。出力する人が管理者でない限り、氏名とメールアドレスは伏せ字になり、出力はすべて記録されます。</translation>
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
    <message>
        <source>Database connection…</source>
        <translation>データベース接続…</translation>
    </message>
</context>
<context>
    <name>StartRunDialog</name>
    <message>
        <source>Start a checklist run</source>
        <translation>チェックリストの実施を開始</translation>
    </message>
    <message>
        <source>e.g. 4/22 GW pre-sale LINE delivery</source>
        <translation>例: 4/22 GW先行セール LINE配信</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>チェックリスト</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>対象（件名）</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
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
<context>
    <name>TemplateEditor</name>
    <message>
        <source>Saved. New hires get these items; existing plans are unchanged.</source>
        <translation>保存しました。今後の入社者にこの項目が使われます(作成済みの計画は変わりません)。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>区分</translation>
    </message>
    <message>
        <source>Course, page slug or system</source>
        <translation>研修名・ページID・システム名</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>権限レベル</translation>
    </message>
    <message>
        <source>Due day</source>
        <translation>期限(日)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>項目を追加</translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation>項目を削除</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>雛形を保存</translation>
    </message>
    <message>
        <source>Kinds: training (course name), page (manual page slug), account (system name and permission level), task (title). Due day: days after the start (0 = day 1, 7 = week 1, 30 = month 1).</source>
        <translation>区分: training(研修名)、page(マニュアルのページID)、account(システム名と権限レベル)、task(件名)。期限(日): 開始日からの日数(0 = 初日、7 = 1週目、30 = 1か月目)。</translation>
    </message>
</context>
<context>
    <name>TemplateEditorDialog</name>
    <message>
        <source>Edit checklist: %1</source>
        <translation>チェックリストの編集: %1</translation>
    </message>
    <message>
        <source>Current version v%1 (%2). Saving creates v%3; runs already started keep the version they started with.</source>
        <translation>現在の版 v%1（%2）。保存すると v%3 になります。開始済みの実施記録は開始時の版のままです。</translation>
    </message>
    <message>
        <source>Checklist items</source>
        <translation>チェック項目</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>確認項目</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必須</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>補足（ルール・注意点）</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>項目を追加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上へ</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下へ</translation>
    </message>
    <message>
        <source>What changed and why</source>
        <translation>何をなぜ変えたか</translation>
    </message>
    <message>
        <source>Change note</source>
        <translation>変更内容</translation>
    </message>
</context>
<context>
    <name>TemplatesView</name>
    <message>
        <source>Documents from %1</source>
        <translation>%1 の文書</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>テンプレート</translation>
    </message>
    <message>
        <source>New document from this template…</source>
        <translation>このテンプレートで文書を作成…</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Open / edit</source>
        <translation>開く・編集</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>出力…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>再読み込み</translation>
    </message>
</context>
<context>
    <name>TermDialog</name>
    <message>
        <source>Edit term</source>
        <translation>用語の編集</translation>
    </message>
    <message>
        <source>New term</source>
        <translation>用語の追加</translation>
    </message>
    <message>
        <source>In kana, e.g. カイフウリツ</source>
        <translation>カナで。例: カイフウリツ</translation>
    </message>
    <message>
        <source>Other terms, separated by commas</source>
        <translation>用語集内の用語をカンマ区切りで</translation>
    </message>
    <message>
        <source>Term *</source>
        <translation>用語 *</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>読み</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Definition *</source>
        <translation>定義 *</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英語</translation>
    </message>
    <message>
        <source>Related terms</source>
        <translation>関連用語</translation>
    </message>
</context>
<context>
    <name>TrainingAwardsModel</name>
    <message>
        <source>Certification</source>
        <translation>認定</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>認定日</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>有効期限</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Renewed</source>
        <translation>更新済み</translation>
    </message>
</context>
<context>
    <name>TrainingCatalog</name>
    <message>
        <source>On hire</source>
        <translation>入社時</translation>
    </message>
    <message>
        <source>On hire and on content update</source>
        <translation>入社時・内容更新時</translation>
    </message>
    <message>
        <source>Every N months</source>
        <translation>Nか月ごと</translation>
    </message>
    <message>
        <source>In fixed calendar months</source>
        <translation>決まった月</translation>
    </message>
    <message>
        <source>Yearly</source>
        <translation>毎年</translation>
    </message>
    <message>
        <source>Ongoing (no deadline)</source>
        <translation>継続(期限なし)</translation>
    </message>
    <message>
        <source>Internal (認定制度)</source>
        <translation>社内(認定制度)</translation>
    </message>
    <message>
        <source>External</source>
        <translation>外部</translation>
    </message>
    <message>
        <source>Every %1 months</source>
        <translation>%1か月ごと</translation>
    </message>
    <message>
        <source>In %1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>month %1</source>
        <translation>%1月</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>All staff</source>
        <translation>全従業員</translation>
    </message>
    <message>
        <source>%1 months</source>
        <translation>%1か月</translation>
    </message>
    <message>
        <source>No expiry</source>
        <translation>期限なし</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Not passed</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>(file)</source>
        <translation>(ファイル)</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>研修</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Mandatory</source>
        <translation>必須</translation>
    </message>
    <message>
        <source>Who takes it</source>
        <translation>受講対象</translation>
    </message>
    <message>
        <source>When</source>
        <translation>受講時期</translation>
    </message>
    <message>
        <source>Valid for</source>
        <translation>有効期間</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>担当</translation>
    </message>
    <message>
        <source>Content updated</source>
        <translation>内容更新日</translation>
    </message>
    <message>
        <source>Certification</source>
        <translation>認定</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>発行者</translation>
    </message>
    <message>
        <source>Renewed by course</source>
        <translation>更新する研修</translation>
    </message>
    <message>
        <source>Required for role</source>
        <translation>必要な役割</translation>
    </message>
    <message>
        <source>Renewal rule</source>
        <translation>更新ルール</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>保有者</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>発行日</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>有効期限</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Attendee</source>
        <translation>受講者</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>出席</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得点</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>証跡</translation>
    </message>
</context>
<context>
    <name>TrainingCompletionsModel</name>
    <message>
        <source>Date</source>
        <translation>受講日</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>研修</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得点</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>証跡</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>記録者</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>不合格</translation>
    </message>
</context>
<context>
    <name>TrainingMatrixModel</name>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>%1 (certification)</source>
        <translation>%1(認定)</translation>
    </message>
    <message>
        <source>Due: %1</source>
        <translation>期限: %1</translation>
    </message>
    <message>
        <source>Last done: %1</source>
        <translation>最終受講: %1</translation>
    </message>
    <message>
        <source>Valid until: %1</source>
        <translation>有効期限: %1</translation>
    </message>
</context>
<context>
    <name>TrainingPlan</name>
    <message>
        <source>Training</source>
        <translation>研修</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>マニュアル</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>作業</translation>
    </message>
    <message>
        <source>Onboarding</source>
        <translation>オンボーディング</translation>
    </message>
    <message>
        <source>Offboarding</source>
        <translation>オフボーディング</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>実施中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Closed (left)</source>
        <translation>終了(退職)</translation>
    </message>
    <message>
        <source>Day 1</source>
        <translation>初日</translation>
    </message>
    <message>
        <source>Week 1</source>
        <translation>1週目</translation>
    </message>
    <message>
        <source>Month 1</source>
        <translation>1か月目</translation>
    </message>
</context>
<context>
    <name>TrainingPlanItemsModel</name>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>When</source>
        <translation>時期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>区分</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>Done %1 by %2</source>
        <translation>%1 に %2 が完了</translation>
    </message>
</context>
<context>
    <name>TrainingPlansModel</name>
    <message>
        <source>Person</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>計画</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始日</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
</context>
<context>
    <name>TrainingRequirementsModel</name>
    <message>
        <source>Course or certification</source>
        <translation>研修・認定</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Last done</source>
        <translation>最終受講</translation>
    </message>
    <message>
        <source>Required because</source>
        <translation>対象理由</translation>
    </message>
    <message>
        <source>%1 (certification)</source>
        <translation>%1(認定)</translation>
    </message>
    <message>
        <source>%1 (optional)</source>
        <translation>%1(任意)</translation>
    </message>
</context>
<context>
    <name>TrainingSessionsModel</name>
    <message>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>研修</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Instructor</source>
        <translation>講師</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参加者</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>オンライン</translation>
    </message>
</context>
<context>
    <name>TrainingStatus</name>
    <message>
        <source>Valid</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>期限間近</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>期限超過</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>期限切れ</translation>
    </message>
    <message>
        <source>Not taken</source>
        <translation>未受講</translation>
    </message>
    <message>
        <source>Not required</source>
        <translation>対象外</translation>
    </message>
</context>
<context>
    <name>TrainingView</name>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>すべての部署</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>すべての状態</translation>
    </message>
    <message>
        <source>%1 of %2 people</source>
        <translation>%2人中 %1人</translation>
    </message>
    <message>
        <source>%1 overdue or expired</source>
        <translation>期限超過・期限切れ %1件</translation>
    </message>
    <message>
        <source>%1 due within %2 days</source>
        <translation>%2日以内に期限 %1件</translation>
    </message>
    <message>
        <source>%1 certifications expiring</source>
        <translation>有効期限の近い認定 %1件</translation>
    </message>
    <message>
        <source>(as of %1)</source>
        <translation>(%1 時点)</translation>
    </message>
    <message>
        <source>Show who</source>
        <translation>対象者を表示</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>受講状況</translation>
    </message>
    <message>
        <source>Onboarding</source>
        <translation>オンボーディング</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>研修日程</translation>
    </message>
    <message>
        <source>Courses</source>
        <translation>研修</translation>
    </message>
    <message>
        <source>Onboarding templates</source>
        <translation>オンボーディング雛形</translation>
    </message>
    <message>
        <source>Certifications</source>
        <translation>認定</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Optional courses too</source>
        <translation>任意の研修も表示</translation>
    </message>
    <message>
        <source>Show finished and closed plans</source>
        <translation>完了・終了した計画も表示</translation>
    </message>
    <message>
        <source>Hire…</source>
        <translation>入社者を登録…</translation>
    </message>
    <message>
        <source>Record completion…</source>
        <translation>受講を記録…</translation>
    </message>
    <message>
        <source>Export matrix…</source>
        <translation>マトリクスを出力…</translation>
    </message>
    <message>
        <source>Export records…</source>
        <translation>研修記録を出力…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>再読み込み</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Checking…</source>
        <translation>確認中…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>ロック解除</translation>
    </message>
    <message>
        <source>Could not check the password: %1</source>
        <translation>パスワードを確認できませんでした: %1</translation>
    </message>
    <message>
        <source>Locked — ecmanual</source>
        <translation>ロック中 — ecmanual</translation>
    </message>
    <message>
        <source>ecmanual was locked after %1 minutes without use. Enter your password to continue, or sign out.</source>
        <translation>%1分間操作がなかったため、ecmanual をロックしました。続けるにはパスワードを入力するか、サインアウトしてください。</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>サインアウト</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to ecmanual</source>
        <translation>ecmanual へようこそ</translation>
    </message>
    <message>
        <source>A few questions to set up this PC. Nothing is created before the last page.</source>
        <translation>この PC を設定するための質問がいくつかあります。最後のページまで何も作成されません。</translation>
    </message>
    <message>
        <source>ecmanual keeps the team&apos;s operations manual as living records: roles and RACI, training, permission reviews, checklists.</source>
        <translation>ecmanual はチームの運用マニュアルを「生きた記録」として管理します: 役割と RACI、教育、権限棚卸し、チェックリスト。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Organisation name</source>
        <translation>組織名</translation>
    </message>
    <message>
        <source>e.g. 株式会社サンプル EC事業部</source>
        <translation>例: 株式会社サンプル EC事業部</translation>
    </message>
    <message>
        <source>Shown on the cover and footer of every export. An administrator can change it later.</source>
        <translation>すべての出力ファイルの表紙とフッターに表示されます。管理者が後から変更できます。</translation>
    </message>
</context>
</TS>
