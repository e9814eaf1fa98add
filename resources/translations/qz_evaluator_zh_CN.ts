<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Opening {name}…</source>
        <translation>正在打开 {name}…</translation>
    </message>
</context>
<context>
    <name>CandidateTreeModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>County/district</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>{tier} ({count})</source>
        <translation>{tier}（{count}）</translation>
    </message>
    <message>
        <source>Withdrawn from the pool</source>
        <translation>已退出培育库</translation>
    </message>
    <message>
        <source>{scored} of {total} items scored</source>
        <translation>已评 {scored}/{total} 个条款</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>qz-evaluator ran into an unexpected error: {error}</source>
        <translation>qz-evaluator 遇到意外错误：{error}</translation>
    </message>
    <message>
        <source>Your saved work is safe. The details were written to {path}; please send that file to whoever supports qz-evaluator for you.</source>
        <translation>已保存的工作不受影响。详细信息已写入 {path}，请将该文件发送给为您提供 qz-evaluator 技术支持的人员。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Not on this panel</source>
        <translation>不在该评审组</translation>
    </message>
    <message>
        <source>Conflict of interest</source>
        <translation>利益冲突（回避）</translation>
    </message>
    <message>
        <source>Candidate withdrawn</source>
        <translation>参评单位已退出</translation>
    </message>
    <message>
        <source>The workspace is busy</source>
        <translation>工作区正被占用</translation>
    </message>
    <message>
        <source>Another program (or another qz-evaluator window) is writing to this workspace, so the last change was not saved. Close the other program and try again; everything shown as saved is safe.

{detail}</source>
        <translation>另一个程序（或另一个 qz-evaluator 窗口）正在写入此工作区，最近一次修改未能保存。请关闭该程序后重试；所有显示为已保存的内容都安全无虞。

{detail}</translation>
    </message>
    <message>
        <source>The disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>The last change could not be saved because the disk is full. Free some space (empty the recycle bin, move large files to a USB stick), then make the change again. Everything shown as saved is safe.

{detail}</source>
        <translation>磁盘已满，最近一次修改未能保存。请腾出空间（清空回收站、将大文件移到U盘）后重新修改。所有显示为已保存的内容都安全无虞。

{detail}</translation>
    </message>
    <message>
        <source>No keychain available</source>
        <translation>没有可用的系统密钥库</translation>
    </message>
    <message>
        <source>Your signing key is kept only in the system keychain, and none is available on this computer. Nothing was signed.

{detail}</source>
        <translation>您的签名密钥只保存在系统密钥库中，而本机没有可用的密钥库。未进行任何签名。

{detail}</translation>
    </message>
    <message>
        <source>Signing key not found</source>
        <translation>未找到签名密钥</translation>
    </message>
    <message>
        <source>This computer&apos;s keychain holds no signing key for you. Create your identity (Identity menu) or restore your key backup, then try again.

{detail}</source>
        <translation>本机密钥库中没有您的签名密钥。请先创建签名身份（“身份”菜单）或恢复密钥备份，然后重试。

{detail}</translation>
    </message>
    <message>
        <source>The scorecard is locked</source>
        <translation>评分表已锁定</translation>
    </message>
    <message>
        <source>This scorecard is final or in conflict and can no longer be changed.

{detail}</source>
        <translation>此评分表已定稿或已声明回避，不能再修改。

{detail}</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>不允许此操作</translation>
    </message>
    <message>
        <source>Signing problem</source>
        <translation>签名问题</translation>
    </message>
    <message>
        <source>Workspace problem</source>
        <translation>工作区问题</translation>
    </message>
    <message>
        <source>File problem</source>
        <translation>文件问题</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>无法完成此操作</translation>
    </message>
</context>
<context>
    <name>FinaliseDialog</name>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Finalise scorecard</source>
        <translation>评分表定稿</translation>
    </message>
    <message>
        <source>Finalise the scorecard for {name}? Total {total} / {points}.

A final scorecard is locked; it can be reopened for a correction.</source>
        <translation>确定为{name}的评分表定稿吗？总分 {total} / {points}。

定稿后评分表将被锁定；如需更正可重新打开。</translation>
    </message>
    <message>
        <source>The signed scorecard will be in {language} (set by the round).</source>
        <translation>签名评分表将使用{language}（由本轮评审设定）。</translation>
    </message>
    <message>
        <source>No-conflict declaration (printed and signed)</source>
        <translation>回避声明（将打印在评分表上并签名）</translation>
    </message>
    <message>
        <source>I have read this declaration and &amp;affirm it</source>
        <translation>本人已阅读并确认以上声明(&amp;A)</translation>
    </message>
    <message>
        <source>Finalise</source>
        <translation>定稿</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>KeyboardDialog</name>
    <message>
        <source>Anywhere in the window</source>
        <translation>窗口内任意位置</translation>
    </message>
    <message>
        <source>Go to the candidate list (↑ ↓ choose a candidate)</source>
        <translation>转到参评单位列表（↑ ↓ 选择单位）</translation>
    </message>
    <message>
        <source>Go to the criteria of the scorecard</source>
        <translation>转到评分表的评价条款</translation>
    </message>
    <message>
        <source>Search candidates (Chinese input works)</source>
        <translation>搜索参评单位（可用中文输入法）</translation>
    </message>
    <message>
        <source>Next / previous candidate</source>
        <translation>下一个 / 上一个参评单位</translation>
    </message>
    <message>
        <source>Next / previous criteria item</source>
        <translation>下一个 / 上一个评价条款</translation>
    </message>
    <message>
        <source>Next item not scored yet</source>
        <translation>下一个尚未评分的条款</translation>
    </message>
    <message>
        <source>Choose the band, from anywhere (also while writing notes)</source>
        <translation>选择档次，在任意位置均可（包括填写文字时）</translation>
    </message>
    <message>
        <source>Value up / down by 5 %, clear the score, from anywhere</source>
        <translation>分值增加 / 减少 5%、清除评分，在任意位置均可</translation>
    </message>
    <message>
        <source>Write strengths / opportunities for improvement / evidence</source>
        <translation>填写强项 / 改进机会 / 证据</translation>
    </message>
    <message>
        <source>Undo the last score or note change</source>
        <translation>撤销最近一次评分或文字修改</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Finalise the scorecard (lists what is missing)</source>
        <translation>评分表定稿（列出尚缺的条款）</translation>
    </message>
    <message>
        <source>Export the signed PDF of a final scorecard</source>
        <translation>导出已定稿评分表的签名 PDF</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>本快捷键列表</translation>
    </message>
    <message>
        <source>In the criteria (Ctrl+2)</source>
        <translation>在评价条款中（Ctrl+2）</translation>
    </message>
    <message>
        <source>Previous / next item, first / last item</source>
        <translation>上一个 / 下一个条款，第一个 / 最后一个条款</translation>
    </message>
    <message>
        <source>Choose the band (1 = 0–5 %, … 6 = 90–100 %); starts at its lowest value</source>
        <translation>选择评分档次（1 = 0–5%，… 6 = 90–100%），先取该档最低值</translation>
    </message>
    <message>
        <source>Value up / down by 5 %</source>
        <translation>分值增加 / 减少 5%</translation>
    </message>
    <message>
        <source>Clear the item&apos;s score</source>
        <translation>清除该条款的评分</translation>
    </message>
    <message>
        <source>Write the strengths of this item</source>
        <translation>填写该条款的强项</translation>
    </message>
    <message>
        <source>In a note box</source>
        <translation>在文字框中</translation>
    </message>
    <message>
        <source>Next / previous box</source>
        <translation>下一个 / 上一个文字框</translation>
    </message>
    <message>
        <source>Back to the criteria</source>
        <translation>回到评价条款</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Score without the mouse: Ctrl+2 goes to the criteria, the arrow keys move between items, 1–6 picks a band, ← and → set the value in 5 % steps, Enter writes the strengths. Every change is saved at once.</source>
        <translation>不用鼠标也能评分：Ctrl+2 转到评价条款，方向键在条款间移动，1–6 选择档次，← 和 → 以 5% 为步长调整分值，回车填写强项。每次修改都会立即保存。</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cannot open the workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <source>Cannot create the demo workspace</source>
        <translation>无法创建演示工作区</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>qz-evaluator workspaces (*.qzw);;All files (*)</source>
        <translation>qz-evaluator 工作区 (*.qzw);;所有文件 (*)</translation>
    </message>
    <message>
        <source>No workspace open</source>
        <translation>未打开工作区</translation>
    </message>
    <message>
        <source>{name}  ·  {role}  ·  {path}</source>
        <translation>{name}  ·  {role}  ·  {path}</translation>
    </message>
    <message>
        <source>Secretariat</source>
        <translation>秘书处</translation>
    </message>
    <message>
        <source>Evaluator {code}</source>
        <translation>评审员 {code}</translation>
    </message>
    <message>
        <source>The whole pool (secretariat)</source>
        <translation>全部培育库单位（秘书处）</translation>
    </message>
    <message>
        <source>No candidates assigned yet: import your assignment package</source>
        <translation>尚未分配参评单位：请导入评审任务包</translation>
    </message>
    <message>
        <source>{round} · {count} candidates</source>
        <translation>{round} · {count} 家单位</translation>
    </message>
    <message>
        <source>All tiers</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All counties</source>
        <translation>全部县（市、区）</translation>
    </message>
    <message>
        <source>All industries</source>
        <translation>全部行业</translation>
    </message>
    <message>
        <source>Scorecards are kept in the evaluators&apos; own workspaces.</source>
        <translation>评分表保存在各评审员自己的工作区中。</translation>
    </message>
    <message>
        <source>A conflict of interest is recorded between you and this candidate: you do not score it.</source>
        <translation>已登记您与该单位存在利益冲突：您须回避，不对其评分。</translation>
    </message>
    <message>
        <source>Every item is scored.</source>
        <translation>所有条款均已评分。</translation>
    </message>
    <message>
        <source>Saved at {time}</source>
        <translation>已保存 {time}</translation>
    </message>
    <message>
        <source>Select a candidate to see its scorecard</source>
        <translation>请选择参评单位以查看评分表</translation>
    </message>
    <message>
        <source>{tier} (withdrawn)</source>
        <translation>{tier}（已退出）</translation>
    </message>
    <message>
        <source>not on your panel</source>
        <translation>不在您的评审组</translation>
    </message>
    <message>
        <source>{scored} of {total} items scored · {status} · round {round}</source>
        <translation>已评 {scored}/{total} 个条款 · {status} · 轮次 {round}</translation>
    </message>
    <message>
        <source>entered as {tier}</source>
        <translation>入库为{tier}</translation>
    </message>
    <message>
        <source>About qz-evaluator</source>
        <translation>关于 qz-evaluator</translation>
    </message>
    <message>
        <source>qz-evaluator {version}
Scoring for the Quzhou government quality award (GB/T 19580-2012).</source>
        <translation>qz-evaluator {version}
衢州市政府质量奖评审评分（GB/T 19580-2012）。</translation>
    </message>
    <message>
        <source>Search candidates (name, county, industry)…</source>
        <translation>搜索参评单位（名称、县区、行业）…</translation>
    </message>
    <message>
        <source>Show one tier of the pool</source>
        <translation>只显示培育库的一个层级</translation>
    </message>
    <message>
        <source>Show scorecards in one state</source>
        <translation>只显示某一状态的评分表</translation>
    </message>
    <message>
        <source>Show one county or district</source>
        <translation>只显示一个县（市、区）</translation>
    </message>
    <message>
        <source>Show one industry</source>
        <translation>只显示一个行业</translation>
    </message>
    <message>
        <source>Quality award scoring</source>
        <translation>政府质量奖评审评分</translation>
    </message>
    <message>
        <source>Open your workspace to score your candidates, or start here.</source>
        <translation>打开您的工作区为参评单位评分，或从这里开始。</translation>
    </message>
    <message>
        <source>Open a workspace…</source>
        <translation>打开工作区…</translation>
    </message>
    <message>
        <source>Create my evaluator workspace…</source>
        <translation>创建我的评审工作区…</translation>
    </message>
    <message>
        <source>Create my signing identity…</source>
        <translation>创建我的签名身份…</translation>
    </message>
    <message>
        <source>Import an assignment package…</source>
        <translation>导入评审任务包…</translation>
    </message>
    <message>
        <source>Try the demo workspace</source>
        <translation>试用演示工作区</translation>
    </message>
    <message>
        <source>Scorecard</source>
        <translation>评分表</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>单位信息</translation>
    </message>
    <message>
        <source>Credit code:</source>
        <translation>统一社会信用代码：</translation>
    </message>
    <message>
        <source>Tier:</source>
        <translation>层级：</translation>
    </message>
    <message>
        <source>County/district:</source>
        <translation>县（市、区）：</translation>
    </message>
    <message>
        <source>Industry:</source>
        <translation>行业：</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>联系人：</translation>
    </message>
    <message>
        <source>Scorecard:</source>
        <translation>评分表：</translation>
    </message>
    <message>
        <source>Tier history</source>
        <translation>层级变动记录</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变动</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>S&amp;corecard</source>
        <translation>评分表(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Identity</source>
        <translation>身份(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言 Language(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;New Evaluator Workspace…</source>
        <translation>新建评审工作区(&amp;N)…</translation>
    </message>
    <message>
        <source>Create an empty workspace for your own scoring</source>
        <translation>新建一个空工作区，用于您本人的评分</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a workspace file (.qzw)</source>
        <translation>打开工作区文件（.qzw）</translation>
    </message>
    <message>
        <source>Open &amp;Demo Workspace</source>
        <translation>打开演示工作区(&amp;D)</translation>
    </message>
    <message>
        <source>Open the demo workspace with fictitious candidates</source>
        <translation>打开含虚构参评单位的演示工作区</translation>
    </message>
    <message>
        <source>&amp;Import Assignment Package…</source>
        <translation>导入评审任务包(&amp;I)…</translation>
    </message>
    <message>
        <source>Import the package of candidates the secretariat assigned to you (.qzpkg)</source>
        <translation>导入秘书处分配给您的评审任务包（.qzpkg）</translation>
    </message>
    <message>
        <source>&amp;Export All Final Scorecards…</source>
        <translation>导出全部已定稿评分表(&amp;E)…</translation>
    </message>
    <message>
        <source>Sign and export every final scorecard of the round as PDF</source>
        <translation>签名并导出本轮全部已定稿评分表（PDF）</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Undo the last score or note change</source>
        <translation>撤销最近一次评分或文字修改</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Redo the change just undone</source>
        <translation>重做刚刚撤销的修改</translation>
    </message>
    <message>
        <source>&amp;Find Candidate</source>
        <translation>查找参评单位(&amp;F)</translation>
    </message>
    <message>
        <source>Search the candidate list</source>
        <translation>搜索参评单位列表</translation>
    </message>
    <message>
        <source>Go to &amp;Candidate List</source>
        <translation>转到参评单位列表(&amp;C)</translation>
    </message>
    <message>
        <source>Go to C&amp;riteria</source>
        <translation>转到评价条款(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next Item</source>
        <translation>下一个条款(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Item</source>
        <translation>上一个条款(&amp;P)</translation>
    </message>
    <message>
        <source>Next &amp;Unscored Item</source>
        <translation>下一个未评分条款(&amp;U)</translation>
    </message>
    <message>
        <source>Next Ca&amp;ndidate</source>
        <translation>下一个参评单位(&amp;N)</translation>
    </message>
    <message>
        <source>Previous Candida&amp;te</source>
        <translation>上一个参评单位(&amp;T)</translation>
    </message>
    <message>
        <source>Pre&amp;view PDF…</source>
        <translation>预览 PDF(&amp;V)…</translation>
    </message>
    <message>
        <source>Show the scorecard&apos;s pages as they will be signed</source>
        <translation>显示评分表签名前的页面</translation>
    </message>
    <message>
        <source>&amp;Finalise…</source>
        <translation>定稿(&amp;F)…</translation>
    </message>
    <message>
        <source>Check that every item is scored, then lock the scorecard</source>
        <translation>检查所有条款均已评分，然后锁定评分表</translation>
    </message>
    <message>
        <source>&amp;Export Signed PDF…</source>
        <translation>导出签名 PDF(&amp;E)…</translation>
    </message>
    <message>
        <source>Sign this final scorecard and save it as PDF</source>
        <translation>为此已定稿评分表签名并保存为 PDF</translation>
    </message>
    <message>
        <source>&amp;Reopen for Correction…</source>
        <translation>重新打开以更正(&amp;R)…</translation>
    </message>
    <message>
        <source>Unlock a final scorecard to correct it</source>
        <translation>解锁已定稿的评分表以便更正</translation>
    </message>
    <message>
        <source>Declare &amp;Conflict of Interest…</source>
        <translation>声明利益冲突（回避）(&amp;C)…</translation>
    </message>
    <message>
        <source>Declare that you must not score this candidate; locks the scorecard</source>
        <translation>声明您须回避、不对该单位评分；评分表将被锁定</translation>
    </message>
    <message>
        <source>&amp;Create Signing Identity…</source>
        <translation>创建签名身份(&amp;C)…</translation>
    </message>
    <message>
        <source>Create your signing key in the system keychain and a certificate request for the secretariat</source>
        <translation>在系统密钥库中创建您的签名密钥，并生成提交秘书处的证书申请</translation>
    </message>
    <message>
        <source>&amp;Install Certificate…</source>
        <translation>安装证书(&amp;I)…</translation>
    </message>
    <message>
        <source>Install the certificate the secretariat issued to you</source>
        <translation>安装秘书处为您签发的证书</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About qz-evaluator</source>
        <translation>关于 qz-evaluator(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ScoringPanel</name>
    <message>
        <source>unscored</source>
        <translation>未评分</translation>
    </message>
    <message>
        <source>Not scored yet</source>
        <translation>尚未评分</translation>
    </message>
    <message>
        <source>{status} · round {round}</source>
        <translation>{status} · 轮次 {round}</translation>
    </message>
    <message>
        <source>Final: this scorecard is locked. To correct it, reopen it from the Scorecard menu (the next export becomes a new revision).</source>
        <translation>已定稿：此评分表已锁定。如需更正，请从“评分表”菜单重新打开（再次导出即为新版本）。</translation>
    </message>
    <message>
        <source>Conflict of interest declared ({reason}): this scorecard is locked.</source>
        <translation>已声明利益冲突（{reason}）：此评分表已锁定。</translation>
    </message>
    <message>
        <source>process item</source>
        <translation>过程条款</translation>
    </message>
    <message>
        <source>results item</source>
        <translation>结果条款</translation>
    </message>
    <message>
        <source>{points} points · {kind} · judged as a whole on {dimensions}</source>
        <translation>{points} 分 · {kind} · 综合评价维度：{dimensions}</translation>
    </message>
    <message>
        <source>Not scored: choose a band (1–6), then a value (← →)</source>
        <translation>未评分：先选档次（1–6），再选分值（← →）</translation>
    </message>
    <message>
        <source>{percent}% × {points} = {score} points</source>
        <translation>{percent}% × {points} = {score} 分</translation>
    </message>
    <message>
        <source>choose a band first</source>
        <translation>请先选择档次</translation>
    </message>
    <message>
        <source>Criteria item</source>
        <translation>评价条款</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>得分汇总</translation>
    </message>
    <message>
        <source>Process (4.1–4.6)</source>
        <translation>过程（4.1–4.6）</translation>
    </message>
    <message>
        <source>Results (4.7)</source>
        <translation>结果（4.7）</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Items scored</source>
        <translation>已评条款</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <source>Scored</source>
        <translation>已评</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>分值：</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>&amp;Strengths</source>
        <translation>强项(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Opportunities for improvement</source>
        <translation>改进机会(&amp;O)</translation>
    </message>
    <message>
        <source>E&amp;vidence (documents seen, people interviewed)</source>
        <translation>证据（查阅文件、访谈人员）(&amp;V)</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>UndoCommands</name>
    <message>
        <source>score {item}: {old} → {new}</source>
        <translation>评分 {item}：{old} → {new}</translation>
    </message>
    <message>
        <source>typing in {item}</source>
        <translation>在 {item} 中输入文字</translation>
    </message>
</context>
<context>
    <name>Workflows</name>
    <message>
        <source>Evaluator workspace needed</source>
        <translation>需要评审员工作区</translation>
    </message>
    <message>
        <source>Open your evaluator workspace first (File ▸ Open Workspace), or create one (File ▸ New Evaluator Workspace).</source>
        <translation>请先打开您的评审工作区（文件 ▸ 打开工作区），或新建一个（文件 ▸ 新建评审工作区）。</translation>
    </message>
    <message>
        <source>Not ready to finalise</source>
        <translation>尚不能定稿</translation>
    </message>
    <message>
        <source>{count} of {total} items are not scored yet:
{items}

Score them, then finalise again.</source>
        <translation>{total} 个条款中还有 {count} 个未评分：
{items}

请完成评分后再定稿。</translation>
    </message>
    <message>
        <source>Scorecard final</source>
        <translation>评分表已定稿</translation>
    </message>
    <message>
        <source>Declare conflict of interest</source>
        <translation>声明利益冲突（回避）</translation>
    </message>
    <message>
        <source>Why must you not score {name}? (for example: worked there, consulted or trained for it, a relative works there)</source>
        <translation>您为何须回避{name}？（例如：曾在该单位任职、为其提供咨询或培训、有亲属在该单位工作）</translation>
    </message>
    <message>
        <source>Declare a conflict of interest with {name}?

The declaration is recorded and this scorecard is locked: you will not score this candidate.</source>
        <translation>确定声明与{name}存在利益冲突吗？

声明将被记录，此评分表将被锁定：您将不对该单位评分。</translation>
    </message>
    <message>
        <source>Reopen scorecard</source>
        <translation>重新打开评分表</translation>
    </message>
    <message>
        <source>Reopen this final scorecard for a correction? Export it again afterwards: the new PDF is a later revision that replaces the one sent before.</source>
        <translation>重新打开此已定稿的评分表进行更正吗？更正后请再次导出：新的 PDF 为更高版本，将取代之前提交的文件。</translation>
    </message>
    <message>
        <source>Rendering the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>No PDF viewer opened the preview; it is saved at {path}</source>
        <translation>没有 PDF 阅读器打开预览文件；文件保存在 {path}</translation>
    </message>
    <message>
        <source>{count} scored items have neither a strength nor an opportunity for improvement:
{items}

This round asks for at least one for each scored item. Write them, then finalise again.</source>
        <translation>{count} 个已评分条款既没有强项也没有改进机会：
{items}

本轮评审要求每个已评分条款至少填写一项强项或改进机会。请补充后再定稿。</translation>
    </message>
    <message>
        <source>The scorecard is final. Sign it and export the PDF ({language}) now?</source>
        <translation>评分表已定稿。现在签名并导出 PDF（{language}）吗？</translation>
    </message>
    <message>
        <source>Export running</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation>已有导出任务在进行中。</translation>
    </message>
    <message>
        <source>No signing identity yet</source>
        <translation>尚无签名身份</translation>
    </message>
    <message>
        <source>You cannot sign scorecards yet. Create your signing identity (Identity ▸ Create Signing Identity…), send the request to the secretariat, then install the certificate they return (Identity ▸ Install Certificate…).</source>
        <translation>您还不能签名评分表。请先创建签名身份（身份 ▸ 创建签名身份…），将证书请求发送给秘书处，再安装秘书处签发的证书（身份 ▸ 安装证书…）。</translation>
    </message>
    <message>
        <source>Finalise again</source>
        <translation>请重新定稿</translation>
    </message>
    <message>
        <source>{count} final scorecard(s) were finalised before the no-conflict declaration was asked for:
{codes}

Reopen each (Scorecard ▸ Reopen for Correction…) and finalise it again, affirming the declaration; then export.</source>
        <translation>有 {count} 份评分表是在要求确认回避声明之前定稿的：
{codes}

请逐份重新打开（评分表 ▸ 重新打开以更正…），确认回避声明后重新定稿，然后再导出。</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Export signed scorecards ({language}) to</source>
        <translation>将签名评分表（{language}）导出到</translation>
    </message>
    <message>
        <source>Signing and exporting scorecards…</source>
        <translation>正在签名并导出评分表…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Signed {done} of {total} scorecards…</source>
        <translation>已签名 {done}/{total} 份评分表…</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>没有可导出的评分表</translation>
    </message>
    <message>
        <source>No scorecard of this round is final yet. Finalise a scorecard first.</source>
        <translation>本轮尚无已定稿的评分表。请先为评分表定稿。</translation>
    </message>
    <message>
        <source>{count} signed scorecard(s) saved in {folder}</source>
        <translation>已将 {count} 份签名评分表保存到 {folder}</translation>
    </message>
    <message>
        <source>Export cancelled. {done}</source>
        <translation>导出已取消。{done}</translation>
    </message>
    <message>
        <source>Signed scorecard saved as {path}</source>
        <translation>签名评分表已保存为 {path}</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>Finishing the export: the scorecard being signed is completed…</source>
        <translation>正在完成导出：正在签名的评分表将完成后再关闭…</translation>
    </message>
    <message>
        <source>New evaluator workspace</source>
        <translation>新建评审工作区</translation>
    </message>
    <message>
        <source>qz-evaluator workspaces (*.qzw)</source>
        <translation>qz-evaluator 工作区 (*.qzw)</translation>
    </message>
    <message>
        <source>Your evaluator code, as on the roster (e.g. P01 or M12):</source>
        <translation>您在评审员名册上的编号（如 P01 或 M12）：</translation>
    </message>
    <message>
        <source>Import assignment package</source>
        <translation>导入评审任务包</translation>
    </message>
    <message>
        <source>Assignment packages (*.qzpkg);;All files (*)</source>
        <translation>评审任务包 (*.qzpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking the package…</source>
        <translation>正在检查任务包…</translation>
    </message>
    <message>
        <source>Package not imported</source>
        <translation>任务包未导入</translation>
    </message>
    <message>
        <source>Package imported</source>
        <translation>任务包已导入</translation>
    </message>
    <message>
        <source>Round {round}: {added} new and {updated} updated candidates, {created} new scorecards, {withdrawn} withdrawn.</source>
        <translation>轮次 {round}：新增 {added} 家、更新 {updated} 家参评单位，新建 {created} 份评分表，{withdrawn} 家已撤回。</translation>
    </message>
    <message>
        <source>Create signing identity</source>
        <translation>创建签名身份</translation>
    </message>
    <message>
        <source>Your full name, as the secretariat knows it:</source>
        <translation>您的姓名（与秘书处登记一致）：</translation>
    </message>
    <message>
        <source>Creating your signing key…</source>
        <translation>正在创建签名密钥…</translation>
    </message>
    <message>
        <source>Identity not created</source>
        <translation>签名身份未创建</translation>
    </message>
    <message>
        <source>Save certificate request</source>
        <translation>保存证书申请</translation>
    </message>
    <message>
        <source>Certificate requests (*.pem)</source>
        <translation>证书申请 (*.pem)</translation>
    </message>
    <message>
        <source>Identity created</source>
        <translation>签名身份已创建</translation>
    </message>
    <message>
        <source>Your signing key is in this computer&apos;s keychain. Send {path} to the secretariat; install the certificate they send back with Identity ▸ Install Certificate.</source>
        <translation>您的签名密钥已保存在本机密钥库中。请将 {path} 发送给秘书处，收到秘书处签发的证书后，通过“身份 ▸ 安装证书”安装。</translation>
    </message>
    <message>
        <source>Install certificate</source>
        <translation>安装证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>证书 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Certificate not installed</source>
        <translation>证书未安装</translation>
    </message>
    <message>
        <source>Certificate installed</source>
        <translation>证书已安装</translation>
    </message>
    <message>
        <source>You can now sign scorecards. Certificate fingerprint:
{fingerprint}</source>
        <translation>现在可以为评分表签名了。证书指纹：
{fingerprint}</translation>
    </message>
</context>
</TS>
