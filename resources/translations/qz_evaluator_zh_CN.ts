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
        <source>Every item is scored: ready to finalise.</source>
        <translation>所有条款均已评分：可以定稿。</translation>
    </message>
    <message>
        <source>exported r{revision} at {time}</source>
        <translation>已于 {time} 导出第 {revision} 版</translation>
    </message>
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
        <source>{progress} · r{revision} {time}</source>
        <translation>{progress} · 第{revision}版 {time}</translation>
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
    <name>CategoryProfileChart</name>
    <message>
        <source>Choose a candidate with merged scorecards to see its category profile.</source>
        <translation>请选择已有合并评分表的参评单位，查看其类目得分概况。</translation>
    </message>
    <message>
        <source>{code} {name}
Mean {mean} of {maximum} points ({share}%)
Lowest {low}, highest {high} on the panel of {n}</source>
        <translation>{code} {name}
平均 {mean} 分，满分 {maximum} 分（{share}%）
评审组 {n} 人中最低 {low}，最高 {high}</translation>
    </message>
    <message>
        <source>Category profile: mean points against the maximum</source>
        <translation>类目得分概况：平均分与满分</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均分</translation>
    </message>
    <message>
        <source>Lowest–highest</source>
        <translation>最低–最高</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>满分</translation>
    </message>
    <message>
        <source>Share of the category&apos;s maximum points</source>
        <translation>占类目满分的百分比</translation>
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
        <source>Signing identity</source>
        <translation>签名身份</translation>
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
        <source>This computer&apos;s keychain holds no signing key for you. Create your identity (Identity ▸ Create Signing Identity…) or restore your key backup (Identity ▸ Restore Key Backup…), then try again.

{detail}</source>
        <translation>本机密钥库中没有您的签名密钥。请先创建签名身份（身份 ▸ 创建签名身份…）或恢复密钥备份（身份 ▸ 恢复密钥备份…），然后重试。

{detail}</translation>
    </message>
    <message>
        <source>Changed in another window</source>
        <translation>已在另一个窗口中修改</translation>
    </message>
    <message>
        <source>The scorecard is locked</source>
        <translation>评分表已锁定</translation>
    </message>
    <message>
        <source>This scorecard is final or in conflict and can no longer be changed.

{detail}</source>
        <translation>此评分表已定稿或处于回避状态，不能再修改。

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
    <name>IdentityDialogs</name>
    <message>
        <source>You have no signing identity in this workspace yet. Create it with Identity ▸ Create Signing Identity…, send the request file to the secretariat, then install the certificate they send back with Identity ▸ Install Certificate….

If you made a key backup on another computer, restore it with Identity ▸ Restore Key Backup… instead.</source>
        <translation>本工作区还没有您的签名身份。请用 身份 ▸ 创建签名身份… 创建，把证书申请文件交给秘书处，再用 身份 ▸ 安装证书… 安装秘书处返回的证书。

如果您在另一台电脑上做过密钥备份，请改用 身份 ▸ 恢复密钥备份… 恢复。</translation>
    </message>
    <message>
        <source>Your certificate is not installed yet. Install the certificate file the secretariat sent you with Identity ▸ Install Certificate….</source>
        <translation>您的证书尚未安装。请用 身份 ▸ 安装证书… 安装秘书处发给您的证书文件。</translation>
    </message>
    <message>
        <source>The demo signs with a demo identity that is made when the demo is opened. Open it with File ▸ Open Demo Workspace, then try again.</source>
        <translation>演示工作区使用打开演示时生成的演示身份签名。请用 文件 ▸ 打开演示工作区 打开它，然后重试。</translation>
    </message>
    <message>
        <source>The demo signs with a demo identity made for this session only, so there is nothing to create, install, back up or restore here. Do that in your own evaluator workspace (File ▸ New Evaluator Workspace…).</source>
        <translation>演示工作区使用仅在本次运行中有效的演示身份签名，这里无需创建、安装、备份或恢复密钥。请在您自己的评审工作区中操作（文件 ▸ 新建评审工作区…）。</translation>
    </message>
    <message>
        <source>The passphrase is wrong, or the file is not a key backup (or is damaged). Nothing was changed.</source>
        <translation>口令不正确，或该文件不是密钥备份（或已损坏）。未做任何更改。</translation>
    </message>
    <message>
        <source>This backup holds the key of evaluator {backup}, but this workspace is {code}&apos;s. Nothing was changed. Choose your own backup, or open your own workspace.</source>
        <translation>该备份中是评审员 {backup} 的密钥，而本工作区属于 {code}。未做任何更改。请选择您本人的备份，或打开您本人的工作区。</translation>
    </message>
    <message>
        <source>This key or certificate comes from a different committee than the one this workspace trusts. Nothing was changed. Choose the file made for this award&apos;s committee.</source>
        <translation>该密钥或证书来自另一个评审委员会，而非本工作区信任的委员会。未做任何更改。请选择为本奖项评审委员会制作的文件。</translation>
    </message>
    <message>
        <source>This computer&apos;s keychain already holds a signing key for {code}. Restore your key backup with Identity ▸ Restore Key Backup… instead of creating a second identity.</source>
        <translation>本机密钥库中已有 {code} 的签名密钥。请用 身份 ▸ 恢复密钥备份… 恢复您的密钥备份，不要再创建第二个身份。</translation>
    </message>
    <message>
        <source>Too short: at least {count} characters</source>
        <translation>太短：至少 {count} 个字符</translation>
    </message>
    <message>
        <source>Weak: easy to guess. A few unrelated words make a strong passphrase.</source>
        <translation>弱：容易被猜中。用几个互不相关的词组成口令会更强。</translation>
    </message>
    <message>
        <source>Fair: a few more characters or words would make it strong.</source>
        <translation>中：再加几个字符或词语即可变强。</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>强</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>再输一次(&amp;A)：</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>强度：</translation>
    </message>
    <message>
        <source>The two passphrases are not the same yet.</source>
        <translation>两次输入的口令还不一致。</translation>
    </message>
    <message>
        <source>Back up signing key</source>
        <translation>备份签名密钥</translation>
    </message>
    <message>
        <source>Choose a passphrase for the backup file. Without it the backup cannot be restored, and no one can recover it for you: write it down and keep it apart from the file.</source>
        <translation>请为备份文件设置口令。没有口令就无法恢复备份，任何人都无法替您找回：请把口令记下来，并与备份文件分开保管。</translation>
    </message>
    <message>
        <source>Restore key backup</source>
        <translation>恢复密钥备份</translation>
    </message>
    <message>
        <source>The passphrase you chose when you made this backup:</source>
        <translation>制作此备份时设置的口令：</translation>
    </message>
    <message>
        <source>New evaluator workspace</source>
        <translation>新建评审工作区</translation>
    </message>
    <message>
        <source>Your evaluator code, as on the roster (e.g. P01 or M12):</source>
        <translation>您的评审员编号，与名册一致（例如 P01 或 M12）：</translation>
    </message>
    <message>
        <source>An evaluator code has only the letters A–Z, digits, &apos;-&apos; or &apos;_&apos; (for example P01), as printed on the roster; it is not your name.</source>
        <translation>评审员编号只含字母 A–Z、数字、“-”或“_”（例如 P01），以名册所印为准；不是您的姓名。</translation>
    </message>
    <message>
        <source>&amp;Back Up Signing Key…</source>
        <translation>备份签名密钥(&amp;B)…</translation>
    </message>
    <message>
        <source>Save your signing key and certificate in a passphrase-protected file</source>
        <translation>将签名密钥和证书保存到受口令保护的文件中</translation>
    </message>
    <message>
        <source>&amp;Restore Key Backup…</source>
        <translation>恢复密钥备份(&amp;R)…</translation>
    </message>
    <message>
        <source>Put your signing key from a backup file into this computer&apos;s keychain</source>
        <translation>从备份文件将签名密钥恢复到本机密钥库</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Import candidates: {name}</source>
        <translation>导入参评单位：{name}</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>梯队</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>This file cannot be imported; nothing was written.
{error}</source>
        <translation>此文件无法导入，未写入任何内容。
{error}</translation>
    </message>
    <message>
        <source>{rows} rows: {created} new candidates, {updated} updated. Nothing is written until you choose Import, and then all rows or none.</source>
        <translation>共 {rows} 行：新增 {created} 家参评单位，更新 {updated} 家。选择“导入”之前不会写入任何内容；导入时要么全部写入，要么全部不写入。</translation>
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
        <source>Larger / smaller text, actual size</source>
        <translation>放大 / 缩小文字，恢复实际大小</translation>
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
        <source>Type the percentage, then Enter (0–100 in 5 % steps; other values are refused)</source>
        <translation>输入百分比后按回车（0–100，以 5% 为步长；其他数值会被拒绝）</translation>
    </message>
    <message>
        <source>Correct / drop the typed digits</source>
        <translation>修改 / 放弃已输入的数字</translation>
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
        <source>Enter (nothing typed)</source>
        <translation>回车（未输入数字时）</translation>
    </message>
    <message>
        <source>Write the strengths of this item</source>
        <translation>填写该条款的强项</translation>
    </message>
    <message>
        <source>In the bands</source>
        <translation>在评分档次中</translation>
    </message>
    <message>
        <source>Go to the bands: this alone never scores the item</source>
        <translation>转到评分档次：仅移动焦点不会评分</translation>
    </message>
    <message>
        <source>↓ / ↑, Space, click</source>
        <translation>↓ / ↑、空格、单击</translation>
    </message>
    <message>
        <source>Choose the next / previous band, the one under the cursor</source>
        <translation>选择下一个 / 上一个档次，或光标所在的档次</translation>
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
        <source>Score without the mouse: Ctrl+2 goes to the criteria, the arrow keys move between items, typing 45 then Enter scores 45 %, Alt+1–6 picks a band, ← and → set the value in 5 % steps, Enter writes the strengths. Every change is saved at once.</source>
        <translation>不用鼠标也能评分：Ctrl+2 转到评价条款，方向键在条款间移动，输入 45 后按回车即评 45%，Alt+1–6 选择档次，← 和 → 以 5% 为步长调整分值，回车填写强项。每次修改都会立即保存。</translation>
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
    <name>LeniencyDotChart</name>
    <message>
        <source>Leniency needs evaluators who scored a candidate together.</source>
        <translation>宽严度需要至少两名评审员评审过同一参评单位。</translation>
    </message>
    <message>
        <source>95% interval {low} to {high}</source>
        <translation>95% 区间 {low} 至 {high}</translation>
    </message>
    <message>
        <source>no interval: a single panel</source>
        <translation>仅一个评审组，无区间</translation>
    </message>
    <message>
        <source>Evaluator {code}: {deviation} points from the panel mean over {n} panels
{interval}; z {z}</source>
        <translation>评审员 {code}：在 {n} 个评审组中平均偏离组均分 {deviation} 分
{interval}；z {z}</translation>
    </message>
    <message>
        <source>Evaluator leniency (diagnostic: official scores are not changed)</source>
        <translation>评审员宽严度（诊断用，不影响正式得分）</translation>
    </message>
    <message>
        <source>Dot: mean deviation from the panels&apos; mean totals; line: 95% interval (t distribution, panels − 1 degrees of freedom).</source>
        <translation>点：相对所在评审组平均总分的平均偏差；横线：95% 区间（t 分布，评审组数−1 自由度）。</translation>
    </message>
    <message>
        <source>Mean deviation from the panel mean (points)</source>
        <translation>与评审组均分的平均偏差（分）</translation>
    </message>
    <message>
        <source>{code} ({n})</source>
        <translation>{code}（{n}组）</translation>
    </message>
    <message>
        <source>{n} evaluators without a shared panel are not shown.</source>
        <translation>另有 {n} 名评审员无可比较的评审组，未列出。</translation>
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
        <source>{path} (no longer there)</source>
        <translation>{path}（已不存在）</translation>
    </message>
    <message>
        <source>No candidates assigned to you yet. Import the assignment package the secretariat sent you: File ▸ Import Assignment Package…</source>
        <translation>还没有分配给您的参评单位。请导入秘书处发给您的评审任务包：文件 ▸ 导入评审任务包…</translation>
    </message>
    <message>
        <source>No candidates match “{text}”. Search by name, county, industry, credit code or pinyin initials, or clear the search.</source>
        <translation>没有与“{text}”匹配的参评单位。可按名称、地区、行业、统一社会信用代码或拼音首字母搜索，或清除搜索。</translation>
    </message>
    <message>
        <source>No candidates match these filters.</source>
        <translation>没有符合这些筛选条件的参评单位。</translation>
    </message>
    <message>
        <source>No candidates in this list.</source>
        <translation>列表中没有参评单位。</translation>
    </message>
    <message>
        <source>all scored</source>
        <translation>全部评完</translation>
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
        <source>{name} is hidden by the search or filters; its scorecard stays open.</source>
        <translation>{name} 已被搜索或筛选隐藏；其评分表仍保持打开。</translation>
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
        <source>Search: name, county, industry, credit code or pinyin initials (qzbt)…</source>
        <translation>搜索：名称、地区、行业、信用代码或拼音首字母（如 qzbt）…</translation>
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
        <source>Recent workspaces</source>
        <translation>最近的工作区</translation>
    </message>
    <message>
        <source>Open a workspace you used before (double-click or Enter)</source>
        <translation>打开以前用过的工作区（双击或按回车）</translation>
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
        <source>Secretariat:</source>
        <translation>秘书处：</translation>
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
        <source>&amp;Back Up Workspace…</source>
        <translation>备份工作区(&amp;B)…</translation>
    </message>
    <message>
        <source>Write a consistent copy of the workspace to one file: the safe way to copy it</source>
        <translation>将工作区完整一致地复制为一个文件：复制工作区的安全方式</translation>
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
        <source>Import &amp;Receipt…</source>
        <translation>导入回执(&amp;R)…</translation>
    </message>
    <message>
        <source>Import the secretariat&apos;s signed receipt (.qzreceipt): each scorecard then shows whether the secretariat received it</source>
        <translation>导入秘书处签发的回执（.qzreceipt）：之后每份评分表都会显示秘书处是否已接收</translation>
    </message>
    <message>
        <source>Import &amp;Score Sheet…</source>
        <translation>导入评分表(&amp;S)…</translation>
    </message>
    <message>
        <source>Import scores written on the paper score sheet (CSV or Excel: credit_code, item, percent, strengths, ofis, evidence)</source>
        <translation>导入写在纸质评分表上的评分（CSV 或 Excel：credit_code、item、percent、strengths、ofis、evidence）</translation>
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
        <source>Go to Cr&amp;iteria</source>
        <translation>转到评价条款(&amp;I)</translation>
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
        <source>Next Candi&amp;date</source>
        <translation>下一个参评单位(&amp;D)</translation>
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
        <source>Export Conflict Dec&amp;laration…</source>
        <translation>导出回避声明(&amp;L)…</translation>
    </message>
    <message>
        <source>Sign the declaration of this conflict of interest and save it for the secretariat</source>
        <translation>签署本回避声明并保存，以便交给秘书处</translation>
    </message>
    <message>
        <source>&amp;Withdraw Conflict Declaration…</source>
        <translation>撤回回避声明(&amp;W)…</translation>
    </message>
    <message>
        <source>Withdraw a conflict of interest declared in error (only before the declaration is exported)</source>
        <translation>撤回误报的回避声明（仅限声明导出之前）</translation>
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
    <name>MoveDialog</name>
    <message>
        <source>Move {name} to another tier</source>
        <translation>调整 {name} 的梯队</translation>
    </message>
    <message>
        <source>Current tier:</source>
        <translation>当前梯队：</translation>
    </message>
    <message>
        <source>&amp;New tier:</source>
        <translation>新梯队(&amp;N)：</translation>
    </message>
    <message>
        <source>e.g. 2026 site visit results</source>
        <translation>例如：2026年度现场评审结果</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Move</source>
        <translation>调整(&amp;M)</translation>
    </message>
</context>
<context>
    <name>PanelTotalsChart</name>
    <message>
        <source>Panel totals and official scores</source>
        <translation>各评审员总分与正式得分</translation>
    </message>
    <message>
        <source>No merged scorecards in this tier yet.</source>
        <translation>本梯队尚无合并的评分表。</translation>
    </message>
    <message>
        <source>{name}
Evaluator {code}: total {total}</source>
        <translation>{name}
评审员 {code}：总分 {total}</translation>
    </message>
    <message>
        <source>{name}
Official score ({rule}): {score}</source>
        <translation>{name}
正式得分（{rule}）：{score}</translation>
    </message>
    <message>
        <source>{tier}: panel totals and official scores</source>
        <translation>{tier}：各评审员总分与正式得分</translation>
    </message>
    <message>
        <source>Evaluator&apos;s total</source>
        <translation>评审员总分</translation>
    </message>
    <message>
        <source>Official score ({rule})</source>
        <translation>正式得分（{rule}）</translation>
    </message>
    <message>
        <source>Total (of {points} points)</source>
        <translation>总分（满分 {points}）</translation>
    </message>
</context>
<context>
    <name>PaperCheck</name>
    <message>
        <source>Matches the merged record</source>
        <translation>与合并记录一致</translation>
    </message>
    <message>
        <source>An older revision</source>
        <translation>旧版本</translation>
    </message>
    <message>
        <source>Not the record: this version was not received</source>
        <translation>不是合并记录：未收到此版本</translation>
    </message>
    <message>
        <source>Not the record: a rival file in revision conflict</source>
        <translation>不是合并记录：版本冲突的另一份文件</translation>
    </message>
    <message>
        <source>Unknown to this workspace</source>
        <translation>本工作区中没有此评分表</translation>
    </message>
    <message>
        <source>The code is mistyped</source>
        <translation>核验码输入有误</translation>
    </message>
    <message>
        <source>Choose a photo or scan of the page</source>
        <translation>选择该页的照片或扫描件</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Reading the QR code…</source>
        <translation>正在识别二维码…</translation>
    </message>
    <message>
        <source>Record: r{revision} · {file}</source>
        <translation>合并记录：第{revision}版 · {file}</translation>
    </message>
    <message>
        <source>Total: {page} on this page → {record} in the record now</source>
        <translation>总分：纸面 {page} → 现合并记录 {record}</translation>
    </message>
</context>
<context>
    <name>PaperCheckDialog</name>
    <message>
        <source>Check a Printed Scorecard</source>
        <translation>核验纸质评分表</translation>
    </message>
    <message>
        <source>Every page of a scorecard carries a QR code with a code under it. Type the code, or choose a photo or scan of the page, to see whether the paper is the merged record.</source>
        <translation>评分表每页都印有二维码，二维码下方是核验码。输入核验码，或选择该页的照片或扫描件，即可查看纸质评分表是否与合并记录一致。</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>核验码(&amp;C)：</translation>
    </message>
    <message>
        <source>e.g. K7M2-P4QZ-9XCD-W3HT</source>
        <translation>例如 K7M2-P4QZ-9XCD-W3HT</translation>
    </message>
    <message>
        <source>C&amp;heck</source>
        <translation>核验(&amp;H)</translation>
    </message>
    <message>
        <source>From &amp;Image…</source>
        <translation>从图片识别(&amp;I)…</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>On this page</source>
        <translation>纸面得分率</translation>
    </message>
    <message>
        <source>In the record now</source>
        <translation>现合并记录</translation>
    </message>
</context>
<context>
    <name>PoolView</name>
    <message>
        <source>Pool</source>
        <translation>参评单位库</translation>
    </message>
    <message>
        <source>Cannot read the pool</source>
        <translation>无法读取参评单位库</translation>
    </message>
    <message>
        <source>All tiers</source>
        <translation>全部梯队</translation>
    </message>
    <message>
        <source>{tier} ({count})</source>
        <translation>{tier}（{count}）</translation>
    </message>
    <message>
        <source>{name} (withdrawn)</source>
        <translation>{name}（已退出）</translation>
    </message>
    <message>
        <source>{shown} of {count} shown: double-click for {page} more, or search</source>
        <translation>已显示 {count} 家中的 {shown} 家：双击再显示 {page} 家，或使用搜索</translation>
    </message>
    <message>
        <source>Reading the pool…</source>
        <translation>正在读取参评单位库…</translation>
    </message>
    <message>
        <source>No candidates match “{text}”</source>
        <translation>没有与“{text}”匹配的参评单位</translation>
    </message>
    <message>
        <source>No candidates yet: import a candidate list</source>
        <translation>尚无参评单位：请导入参评单位名单</translation>
    </message>
    <message>
        <source>{count} candidates</source>
        <translation>{count} 家参评单位</translation>
    </message>
    <message>
        <source>Select a candidate to see its tier history</source>
        <translation>选择一家参评单位以查看其梯队变动记录</translation>
    </message>
    <message>
        <source>{score} ({round})</source>
        <translation>{score}（{round}）</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>entered as {tier}</source>
        <translation>入库为{tier}</translation>
    </message>
    <message>
        <source>Cannot move the candidate</source>
        <translation>无法调整梯队</translation>
    </message>
    <message>
        <source>Import Candidates</source>
        <translation>导入参评单位</translation>
    </message>
    <message>
        <source>Candidate lists (*.csv *.xlsx);;All files (*)</source>
        <translation>参评单位名单 (*.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>正在检查 {name}…</translation>
    </message>
    <message>
        <source>Cannot import candidates</source>
        <translation>无法导入参评单位</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <source>Candidates imported</source>
        <translation>参评单位已导入</translation>
    </message>
    <message>
        <source>{created} new candidates, {updated} updated.</source>
        <translation>新增 {created} 家参评单位，更新 {updated} 家。</translation>
    </message>
</context>
<context>
    <name>Receipts</name>
    <message>
        <source>another file of the same revision with other scores arrived first (revision conflict): export a corrected scorecard</source>
        <translation>同一版本号、评分不同的另一份文件先行送达（版本冲突）：请更正后重新导出评分表</translation>
    </message>
    <message>
        <source>set aside: it no longer counts for this candidate</source>
        <translation>已搁置：对该参评单位不再计分</translation>
    </message>
    <message>
        <source>Received by the secretariat r{revision} · {time}</source>
        <translation>秘书处已接收 r{revision} · {time}</translation>
    </message>
    <message>
        <source>Not accepted: r{revision}, {reason}</source>
        <translation>未接收：r{revision}，{reason}</translation>
    </message>
    <message>
        <source> (r{revision} exported since: not in this receipt)</source>
        <translation>（之后已导出 r{revision}：本回执尚未包含）</translation>
    </message>
    <message>
        <source>received r{revision}</source>
        <translation>已接收 r{revision}</translation>
    </message>
    <message>
        <source>not accepted</source>
        <translation>未接收</translation>
    </message>
</context>
<context>
    <name>ResultsCharts</name>
    <message>
        <source>&amp;Panel totals</source>
        <translation>评审员总分(&amp;P)</translation>
    </message>
    <message>
        <source>Category p&amp;rofile</source>
        <translation>类目概况(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Leniency (diagnostic)</source>
        <translation>宽严度（诊断）(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Tier:</source>
        <translation>梯队(&amp;T)：</translation>
    </message>
    <message>
        <source>The tier whose candidates the chart shows</source>
        <translation>图中显示该梯队的参评单位</translation>
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
        <source>Not scored: type the percentage and Enter, or a band (Alt+1–6)</source>
        <translation>未评分：输入百分比后按回车，或选择档次（Alt+1–6）</translation>
    </message>
    <message>
        <source>{value}% is not a score: type 0–100 in steps of {step}%</source>
        <translation>{value}% 不是有效分值：请输入 0–100 之间、以 {step}% 为步长的数值</translation>
    </message>
    <message>
        <source>Typed {value}%: Enter scores it, Esc cancels</source>
        <translation>已输入 {value}%：按回车评分，按 Esc 取消</translation>
    </message>
    <message>
        <source>Not saved: {why}</source>
        <translation>未保存：{why}</translation>
    </message>
    <message>
        <source>Not saved: the last change failed</source>
        <translation>未保存：上一次修改失败</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Saved at {time}</source>
        <translation>已保存 {time}</translation>
    </message>
    <message>
        <source>{count} characters</source>
        <translation>{count} 字</translation>
    </message>
    <message>
        <source>{count} characters: longer than the round&apos;s {limit}</source>
        <translation>{count} 字：超过本轮限定的 {limit} 字</translation>
    </message>
    <message>
        <source>{count} / {limit} characters</source>
        <translation>{count} / {limit} 字</translation>
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
    <message>
        <source>Finalise…</source>
        <translation>定稿…</translation>
    </message>
    <message>
        <source>Finalise the scorecard (Ctrl+Shift+F): lists what is missing first</source>
        <translation>评分表定稿（Ctrl+Shift+F）：先列出尚缺的内容</translation>
    </message>
    <message>
        <source>Export Signed Scorecard…</source>
        <translation>导出签名评分表…</translation>
    </message>
    <message>
        <source>Export the signed PDF of this final scorecard (Ctrl+E)</source>
        <translation>导出此已定稿评分表的签名 PDF（Ctrl+E）</translation>
    </message>
</context>
<context>
    <name>SecConsensus</name>
    <message>
        <source>{mark} {before}→{after} after reopen (signed edit history)</source>
        <translation>{mark} 退回修改后 {before}→{after}（据签名的修改记录）</translation>
    </message>
    <message>
        <source>Final · {official}</source>
        <translation>已定稿 · {official}</translation>
    </message>
    <message>
        <source>{count} to agree</source>
        <translation>{count} 项待合议</translation>
    </message>
    <message>
        <source>{count} missing</source>
        <translation>缺 {count} 份</translation>
    </message>
    <message>
        <source>{count} in conflict</source>
        <translation>{count} 人文件冲突</translation>
    </message>
    <message>
        <source>ready to be final</source>
        <translation>可以定稿</translation>
    </message>
    <message>
        <source>Consensus</source>
        <translation>合议</translation>
    </message>
    <message>
        <source>Reading the round&apos;s scorecards…</source>
        <translation>正在读取本轮评分表…</translation>
    </message>
    <message>
        <source>Cannot read the consensus</source>
        <translation>无法读取合议情况</translation>
    </message>
    <message>
        <source>Provincial</source>
        <translation>省级</translation>
    </message>
    <message>
        <source>Municipal</source>
        <translation>市级</translation>
    </message>
    <message>
        <source>★ Leader · {level}</source>
        <translation>★ 组长 · {level}</translation>
    </message>
    <message>
        <source>No merged scorecards in this round yet: merge them in the Inbox.</source>
        <translation>本轮尚无已合并的评分表：请先在“收件与合并”中合并。</translation>
    </message>
    <message>
        <source>{name}  ·  official score {official} ({rule})</source>
        <translation>{name}  ·  正式得分 {official}（{rule}）</translation>
    </message>
    <message>
        <source>{members} of {panel} scorecards · {divergent} divergent items (spread ≥ {threshold} points), {open} still to agree</source>
        <translation>已收到 {members}/{panel} 份评分表 · {divergent} 个分歧条款（极差 ≥ {threshold} 个百分点），{open} 个待合议</translation>
    </message>
    <message>
        <source>Missing: {members}</source>
        <translation>尚未收到评分表：{members}</translation>
    </message>
    <message>
        <source>The result is final.</source>
        <translation>结果已定稿。</translation>
    </message>
    <message>
        <source>Cannot be final yet: {reasons}</source>
        <translation>尚不能定稿：{reasons}</translation>
    </message>
    <message>
        <source>Nothing is left open: the result can be made final.</source>
        <translation>已无待合议事项：结果可以定稿。</translation>
    </message>
    <message>
        <source>Official score by {rule}: {description}</source>
        <translation>正式得分按 {rule} 计算：{description}</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Spread</source>
        <translation>极差</translation>
    </message>
    <message>
        <source>Agreed %</source>
        <translation>合议百分比</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>过程</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>to agree</source>
        <translation>待合议</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Choose an item to see what each member wrote.</source>
        <translation>选择一个条款，查看各评审员的评语。</translation>
    </message>
    <message>
        <source>{item}: spread {spread} points, below {threshold}: nothing to agree.</source>
        <translation>{item}：极差 {spread} 个百分点，低于 {threshold}，无需合议。</translation>
    </message>
    <message>
        <source>{item}: spread {spread} points. The leader {leader} records the agreed percentage and why.</source>
        <translation>{item}：极差 {spread} 个百分点。由组长 {leader} 记录合议百分比及理由。</translation>
    </message>
    <message>
        <source>{item}: agreed, noted by {author}. Record again to change it.</source>
        <translation>{item}：已合议，由 {author} 记录。再次记录即可修改。</translation>
    </message>
    <message>
        <source>(no leader on this panel)</source>
        <translation>（本评审组未指定组长）</translation>
    </message>
    <message>
        <source>Write what the panel agreed, and why, in the note.</source>
        <translation>请在合议说明（备注）中写明评审组的结论及理由。</translation>
    </message>
    <message>
        <source>Recording the consensus…</source>
        <translation>正在记录合议…</translation>
    </message>
    <message>
        <source>Consensus not recorded</source>
        <translation>合议未记录</translation>
    </message>
    <message>
        <source>Recorded. The result of {name} is final: {official}.</source>
        <translation>已记录。{name}的结果已定稿：{official}。</translation>
    </message>
    <message>
        <source>Recorded for {item}.</source>
        <translation>已记录 {item} 的合议。</translation>
    </message>
    <message>
        <source>Making the result final…</source>
        <translation>正在确定最终结果…</translation>
    </message>
    <message>
        <source>The result is not final</source>
        <translation>结果未能定稿</translation>
    </message>
    <message>
        <source>&amp;Candidates of the round</source>
        <translation>本轮参评单位(&amp;C)</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>参评单位</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>评审员</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation>强项</translation>
    </message>
    <message>
        <source>Opportunities for improvement</source>
        <translation>改进机会</translation>
    </message>
    <message>
        <source>Consensus of the panel</source>
        <translation>评审组合议</translation>
    </message>
    <message>
        <source>&amp;Agreed %:</source>
        <translation>合议百分比(&amp;A)：</translation>
    </message>
    <message>
        <source>e.g. 55</source>
        <translation>例如 55</translation>
    </message>
    <message>
        <source>&amp;Keep each member&apos;s percentage</source>
        <translation>保留各评审员的百分比(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>合议说明(&amp;N)：</translation>
    </message>
    <message>
        <source>What the panel agreed, and why</source>
        <translation>评审组合议的结论及理由</translation>
    </message>
    <message>
        <source>&amp;Record Consensus</source>
        <translation>记录合议(&amp;R)</translation>
    </message>
    <message>
        <source>Make &amp;Final</source>
        <translation>结果定稿(&amp;F)</translation>
    </message>
</context>
<context>
    <name>SecInbox</name>
    <message>
        <source>Accepted</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>已被取代</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Revision conflict</source>
        <translation>版本冲突</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒收</translation>
    </message>
    <message>
        <source>Conflict declared</source>
        <translation>回避声明</translation>
    </message>
    <message>
        <source>The file is not a PDF</source>
        <translation>该文件不是 PDF</translation>
    </message>
    <message>
        <source>The file is not signed</source>
        <translation>该文件没有签名</translation>
    </message>
    <message>
        <source>The file was changed after it was signed</source>
        <translation>签名后文件被修改</translation>
    </message>
    <message>
        <source>Content was added to the file after it was signed</source>
        <translation>签名后文件被追加了内容</translation>
    </message>
    <message>
        <source>The signing certificate was not issued by this committee</source>
        <translation>签名证书不是本评审委员会签发的</translation>
    </message>
    <message>
        <source>The file carries more than one signature</source>
        <translation>该文件带有多个签名</translation>
    </message>
    <message>
        <source>The file is damaged</source>
        <translation>文件已损坏</translation>
    </message>
    <message>
        <source>The file holds neither a scorecard nor a conflict declaration</source>
        <translation>文件中既没有评分表，也没有回避声明</translation>
    </message>
    <message>
        <source>The scorecard was made by a newer version of the program</source>
        <translation>评分表由更新版本的程序生成，请升级程序</translation>
    </message>
    <message>
        <source>The scorecard data in the file cannot be read</source>
        <translation>文件中的评分数据无法读取</translation>
    </message>
    <message>
        <source>The declaration data in the file cannot be read</source>
        <translation>文件中的回避声明数据无法读取</translation>
    </message>
    <message>
        <source>The signer is not the evaluator named in the file</source>
        <translation>签名人不是该评审员</translation>
    </message>
    <message>
        <source>The file cannot be read</source>
        <translation>无法读取该文件</translation>
    </message>
    <message>
        <source>Signed by the demo&apos;s identity: not an official scorecard</source>
        <translation>由演示身份签名，不是正式评分表</translation>
    </message>
    <message>
        <source>Signed with a certificate after it was revoked</source>
        <translation>签名所用证书已被吊销（在吊销之后签名）</translation>
    </message>
    <message>
        <source>The evaluator is not in the roster</source>
        <translation>该评审员不在评审员名册中</translation>
    </message>
    <message>
        <source>Signed with a certificate the roster does not record for this evaluator</source>
        <translation>签名证书不是名册为该评审员登记的证书</translation>
    </message>
    <message>
        <source>The round does not exist in this workspace</source>
        <translation>本工作区没有该评审轮次</translation>
    </message>
    <message>
        <source>Scored on other criteria than the round uses</source>
        <translation>评分所用的评价标准与本轮不一致</translation>
    </message>
    <message>
        <source>The candidate is not in this workspace</source>
        <translation>本工作区没有该参评单位</translation>
    </message>
    <message>
        <source>The scorecard is not final</source>
        <translation>评分表尚未定稿</translation>
    </message>
    <message>
        <source>The evaluator has a conflict of interest with the candidate</source>
        <translation>该评审员与参评单位存在回避关系</translation>
    </message>
    <message>
        <source>The candidate has withdrawn</source>
        <translation>参评单位已退出</translation>
    </message>
    <message>
        <source>The evaluator is not on this candidate&apos;s panel</source>
        <translation>该评审员不在该单位的评审组中</translation>
    </message>
    <message>
        <source>The signing certificate names no evaluator</source>
        <translation>签名证书未载明评审员</translation>
    </message>
    <message>
        <source>The file holds scripts or actions that a scorecard never has</source>
        <translation>该文件含有评分表不应有的脚本或动作</translation>
    </message>
    <message>
        <source>The file carries more attachments than the scorecard data</source>
        <translation>该文件除评分数据外还带有其他附件</translation>
    </message>
    <message>
        <source>The file&apos;s attachment is far larger than scorecard data</source>
        <translation>该文件的附件远大于评分数据应有的大小</translation>
    </message>
    <message>
        <source>The file is far larger than a scorecard</source>
        <translation>该文件远大于评分表应有的大小</translation>
    </message>
    <message>
        <source>The scorecard&apos;s revision number is not a possible one</source>
        <translation>评分表的版本号不在允许范围内</translation>
    </message>
    <message>
        <source>The scorecard&apos;s edit history is broken or does not lead to its scores</source>
        <translation>评分表的修改记录已断链，或与其评分不符</translation>
    </message>
    <message>
        <source>A comment or name in the file holds control or bidi characters, or is too long; the program never writes such a file</source>
        <translation>文件中的评语或名称含有控制字符或双向文字控制字符，或超出长度；本程序从不生成这样的文件</translation>
    </message>
    <message>
        <source>The scorecard is encrypted for the secretariat, and the secretariat&apos;s key is not in this computer&apos;s keychain</source>
        <translation>评分表已加密给秘书处，但本机钥匙串中没有秘书处的密钥</translation>
    </message>
    <message>
        <source>The scorecard is encrypted for another committee&apos;s secretariat</source>
        <translation>评分表是加密给其他评审委员会秘书处的</translation>
    </message>
    <message>
        <source>The encrypted scorecard is damaged</source>
        <translation>加密的评分表已损坏</translation>
    </message>
    <message>
        <source>Revision {revision}, replaces revision {top}</source>
        <translation>第 {revision} 版，取代第 {top} 版</translation>
    </message>
    <message>
        <source>Revision {revision}</source>
        <translation>第 {revision} 版</translation>
    </message>
    <message>
        <source>Revision {revision} is older than revision {top} merged before: kept as history, it does not count</source>
        <translation>第 {revision} 版早于此前已合并的第 {top} 版：仅作历史保留，不计分</translation>
    </message>
    <message>
        <source>The same scores as revision {revision} merged before, signed again; nothing changed</source>
        <translation>与此前已合并的第 {revision} 版评分完全相同，仅重新签名；未作任何更改</translation>
    </message>
    <message>
        <source>Another file with the same revision {revision} and different scores was merged before; the accepted one keeps counting until the evaluator sends a higher revision</source>
        <translation>版本冲突：此前已合并另一份同为第 {revision} 版但评分不同的文件；在评审员送来更高版本之前，已接受的那份继续计分</translation>
    </message>
    <message>
        <source>Issue &amp;Receipts…</source>
        <translation>签发回执(&amp;R)…</translation>
    </message>
    <message>
        <source>Write a signed receipt for each evaluator of the round: what was received from them and what became of it</source>
        <translation>为本轮每位评审员签发一份回执：收到了哪些文件，结果如何</translation>
    </message>
    <message>
        <source>Choose a folder for the receipts</source>
        <translation>选择保存回执的文件夹</translation>
    </message>
    <message>
        <source>Receipts issued</source>
        <translation>回执已签发</translation>
    </message>
    <message>
        <source>{count} signed receipts written to {folder}.</source>
        <translation>已将 {count} 份签名回执写入 {folder}。</translation>
    </message>
    <message>
        <source>Open &amp;Folder</source>
        <translation>打开文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>Receipts not issued</source>
        <translation>回执未签发</translation>
    </message>
    <message>
        <source>Signing receipts…</source>
        <translation>正在签署回执…</translation>
    </message>
    <message>
        <source>Signed {count} of {total} receipts…</source>
        <translation>已签署 {count}/{total} 份回执…</translation>
    </message>
    <message>
        <source>Signed scorecards and declarations (*.pdf *.p7m)</source>
        <translation>已签名的评分表和回避声明 (*.pdf *.p7m)</translation>
    </message>
    <message>
        <source>This very file was merged before; nothing changed</source>
        <translation>该文件此前已合并，未作任何更改</translation>
    </message>
    <message>
        <source>The evaluator declared a conflict of interest: {reason}</source>
        <translation>评审员声明回避：{reason}</translation>
    </message>
    <message>
        <source>; their merged revision {top} no longer counts</source>
        <translation>；其已合并的第 {top} 版评分表不再计分</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>参评单位</translation>
    </message>
    <message>
        <source>Evaluator</source>
        <translation>评审员</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Verification of {file}</source>
        <translation>{file} 的验证详情</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>签名人</translation>
    </message>
    <message>
        <source>(not readable)</source>
        <translation>（无法读取）</translation>
    </message>
    <message>
        <source>Certificate fingerprint (SHA-256)</source>
        <translation>证书指纹（SHA-256）</translation>
    </message>
    <message>
        <source>File SHA-256</source>
        <translation>文件 SHA-256</translation>
    </message>
    <message>
        <source>Verification detail</source>
        <translation>验证说明</translation>
    </message>
    <message>
        <source>&amp;Open PDF</source>
        <translation>打开 PDF(&amp;O)</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>收件与合并</translation>
    </message>
    <message>
        <source>Scorecards are merged in the secretariat&apos;s workspace.</source>
        <translation>评分表需在秘书处工作区中合并。</translation>
    </message>
    <message>
        <source>Choose signed scorecards and declarations</source>
        <translation>选择签名评分表和回避声明</translation>
    </message>
    <message>
        <source>Choose a folder of signed files</source>
        <translation>选择存放签名文件的文件夹</translation>
    </message>
    <message>
        <source>(stopped: the remaining files were not merged)</source>
        <translation>（已停止：其余文件未合并）</translation>
    </message>
    <message>
        <source>Merge failed</source>
        <translation>合并失败</translation>
    </message>
    <message>
        <source>No files merged yet in this window.</source>
        <translation>本窗口中尚未合并文件。</translation>
    </message>
    <message>
        <source>{count} files: {outcomes}</source>
        <translation>共 {count} 个文件：{outcomes}</translation>
    </message>
    <message>
        <source>{count} scorecards of {candidates} candidates are still missing.</source>
        <translation>尚缺 {candidates} 家参评单位的 {count} 份评分表。</translation>
    </message>
    <message>
        <source>Every panel member&apos;s scorecard is in.</source>
        <translation>所有评审组成员的评分表均已收齐。</translation>
    </message>
    <message>
        <source>Inbox and merge</source>
        <translation>收件与合并</translation>
    </message>
    <message>
        <source>Drop signed scorecard PDFs, conflict declarations or whole folders here, or choose them. Each file is verified and merged on its own: a file that fails changes nothing.</source>
        <translation>将签名评分表 PDF、回避声明或整个文件夹拖放到这里，或点击按钮选择。每个文件单独验证和合并：未通过的文件不会改变任何内容。</translation>
    </message>
    <message>
        <source>Add &amp;Files…</source>
        <translation>添加文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Add F&amp;older…</source>
        <translation>添加文件夹(&amp;O)…</translation>
    </message>
    <message>
        <source>%v / %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Check &amp;Printed Scorecard…</source>
        <translation>核验纸质评分表(&amp;P)…</translation>
    </message>
    <message>
        <source>Type the code under a printed page&apos;s QR code, or choose a photo of the page, to see whether it is the merged record</source>
        <translation>输入纸质评分表二维码下方的核验码，或选择该页的照片，查看它是否与合并记录一致</translation>
    </message>
    <message>
        <source>C&amp;lear List</source>
        <translation>清空列表(&amp;L)</translation>
    </message>
    <message>
        <source>Panel members whose scorecards are still missing</source>
        <translation>尚未交来评分表的评审组成员</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺</translation>
    </message>
    <message>
        <source>Panel members still missing</source>
        <translation>尚缺的评审组成员</translation>
    </message>
</context>
<context>
    <name>SecPanels</name>
    <message>
        <source>Prov.</source>
        <translation>省级</translation>
    </message>
    <message>
        <source>Mun.</source>
        <translation>市级</translation>
    </message>
    <message>
        <source>{who}: conflict of interest ({reason}); cannot be on this panel</source>
        <translation>{who}：存在回避关系（{reason}），不能进入该评审组</translation>
    </message>
    <message>
        <source>{who}: panel leader</source>
        <translation>{who}：评审组组长</translation>
    </message>
    <message>
        <source>{who}: panel member</source>
        <translation>{who}：评审组组员</translation>
    </message>
    <message>
        <source>{who}: not on the panel</source>
        <translation>{who}：不在该评审组</translation>
    </message>
    <message>
        <source>; signed scorecard accepted</source>
        <translation>；签名评分表已接收</translation>
    </message>
    <message>
        <source>{code} {name}, {organisation}: {candidates} candidates, {days} days</source>
        <translation>{code} {name}，{organisation}：{candidates} 家参评单位，{days} 天</translation>
    </message>
    <message>
        <source>No panel in this round</source>
        <translation>本轮次尚无评审组</translation>
    </message>
    <message>
        <source>{size} evaluators (minimum {minimum})</source>
        <translation>{size} 名评审员（至少 {minimum} 名）</translation>
    </message>
    <message>
        <source>Below the minimum: add evaluators</source>
        <translation>人数不足：请增加评审员</translation>
    </message>
    <message>
        <source>No leader: make one member the leader</source>
        <translation>没有组长：请指定一名组员为组长</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>评审组</translation>
    </message>
    <message>
        <source>Cannot read the panels</source>
        <translation>无法读取评审组</translation>
    </message>
    <message>
        <source>Space or double-click puts the evaluator on the candidate&apos;s panel or takes them off; L makes them the leader (★). Hatched cells are recorded conflicts.</source>
        <translation>空格键或双击：将评审员加入或移出该单位的评审组；L 键：设为组长（★）。斜线格为已登记的回避关系。</translation>
    </message>
    <message>
        <source>{count} panels below the minimum of {minimum}</source>
        <translation>{count} 个评审组不足 {minimum} 人</translation>
    </message>
    <message>
        <source>{count} panels without a leader</source>
        <translation>{count} 个评审组没有组长</translation>
    </message>
    <message>
        <source>{count} panels, each with at least {minimum} evaluators and a leader</source>
        <translation>共 {count} 个评审组，均不少于 {minimum} 人且有组长</translation>
    </message>
    <message>
        <source>No panels in this round yet</source>
        <translation>本轮次尚无评审组</translation>
    </message>
    <message>
        <source> · load {candidates} candidates, {days} days</source>
        <translation> · 工作量 {candidates} 家单位，{days} 天</translation>
    </message>
    <message>
        <source>Take Off the Panel</source>
        <translation>移出评审组</translation>
    </message>
    <message>
        <source>Put on the Panel</source>
        <translation>加入评审组</translation>
    </message>
    <message>
        <source>Make Leader</source>
        <translation>设为组长</translation>
    </message>
    <message>
        <source>Choose a folder for the assignment packages</source>
        <translation>选择存放评审任务包的文件夹</translation>
    </message>
    <message>
        <source>No evaluator is on a panel in this round yet.</source>
        <translation>本轮次还没有评审员进入评审组。</translation>
    </message>
    <message>
        <source>Stopped: {count} of {total} signed packages were written to {folder}.</source>
        <translation>已停止：{total} 个签名任务包中已有 {count} 个写入 {folder}。</translation>
    </message>
    <message>
        <source>{count} signed packages written to {folder}.</source>
        <translation>已将 {count} 个签名任务包写入 {folder}。</translation>
    </message>
    <message>
        <source>Packages not exported</source>
        <translation>任务包未导出</translation>
    </message>
    <message>
        <source>Signing assignment packages…</source>
        <translation>正在签署评审任务包…</translation>
    </message>
    <message>
        <source>Signed {count} of {total} packages…</source>
        <translation>已签署 {count}/{total} 个任务包…</translation>
    </message>
    <message>
        <source>&amp;All Evaluators on the Round&apos;s Panels…</source>
        <translation>本轮次评审组的全部评审员(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Selected Evaluators (Columns)…</source>
        <translation>所选评审员（列）(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Round:</source>
        <translation>轮次(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Days per candidate:</source>
        <translation>每家单位天数(&amp;D)：</translation>
    </message>
    <message>
        <source>Days an evaluator spends on each candidate of this round, in quarter days; the load counts them.</source>
        <translation>本轮次评审员在每家参评单位所花的天数（以四分之一天为单位），用于计算工作量。</translation>
    </message>
    <message>
        <source>Put the evaluator on the candidate&apos;s panel or take them off it (Space)</source>
        <translation>将评审员加入或移出该单位的评审组（空格键）</translation>
    </message>
    <message>
        <source>On / &amp;Off Panel</source>
        <translation>加入/移出评审组(&amp;O)</translation>
    </message>
    <message>
        <source>Make the evaluator the panel&apos;s leader; the leader before becomes a member (L)</source>
        <translation>设该评审员为组长，原组长改为组员（L 键）</translation>
    </message>
    <message>
        <source>Make &amp;Leader</source>
        <translation>设为组长(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Export Packages…</source>
        <translation>导出任务包(&amp;E)…</translation>
    </message>
    <message>
        <source>Evaluator</source>
        <translation>评审员</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Candidates</source>
        <translation>参评单位数</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Open &amp;Folder</source>
        <translation>打开文件夹(&amp;F)</translation>
    </message>
</context>
<context>
    <name>SecPool</name>
    <message>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <source>Name, pinyin initials or credit code</source>
        <translation>名称、拼音首字母或统一社会信用代码</translation>
    </message>
    <message>
        <source>&amp;Move to Tier…</source>
        <translation>调整梯队(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Import Candidates…</source>
        <translation>导入参评单位(&amp;I)…</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>参评单位</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Official score</source>
        <translation>正式得分</translation>
    </message>
    <message>
        <source>Credit code:</source>
        <translation>统一社会信用代码：</translation>
    </message>
    <message>
        <source>Tier:</source>
        <translation>梯队：</translation>
    </message>
    <message>
        <source>County:</source>
        <translation>县（市、区）：</translation>
    </message>
    <message>
        <source>Industry:</source>
        <translation>行业：</translation>
    </message>
    <message>
        <source>Latest official score:</source>
        <translation>最近正式得分：</translation>
    </message>
    <message>
        <source>Tier history</source>
        <translation>梯队变动记录</translation>
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
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>SecReports</name>
    <message>
        <source>Reports</source>
        <translation>报告与导出</translation>
    </message>
    <message>
        <source>Report &amp;language:</source>
        <translation>报告语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Signed reports (PDF, signed with the secretariat&apos;s key)</source>
        <translation>签名报告（PDF，以秘书处密钥签名）</translation>
    </message>
    <message>
        <source>&amp;Results Report…</source>
        <translation>评审结果报告(&amp;R)…</translation>
    </message>
    <message>
        <source>The round&apos;s rankings, every panel&apos;s statistics and each evaluator&apos;s totals, with the rule and the rounding stated.</source>
        <translation>本轮各梯队排名、各评审组统计与每位评审员的总分，并注明计分规则与舍入方式。</translation>
    </message>
    <message>
        <source>&amp;Feedback Reports…</source>
        <translation>反馈报告(&amp;F)…</translation>
    </message>
    <message>
        <source>One report per candidate: the panel&apos;s strengths and opportunities for improvement, without evaluator names.</source>
        <translation>每家参评单位一份：评审组汇总的优势与改进机会，不含评审员姓名。</translation>
    </message>
    <message>
        <source>Tables for Excel</source>
        <translation>Excel 表格</translation>
    </message>
    <message>
        <source>Results as &amp;CSV…</source>
        <translation>导出结果 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>One row per candidate, figures rounded half up to 2 decimals.</source>
        <translation>每家参评单位一行，分数四舍五入保留两位小数。</translation>
    </message>
    <message>
        <source>&amp;Evaluators&apos; Scores as CSV…</source>
        <translation>导出评审员评分 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>One row per evaluator&apos;s scorecard: total and category subtotals.</source>
        <translation>每份评审员评分表一行：总分与各类目小计。</translation>
    </message>
    <message>
        <source>Results as &amp;XLSX…</source>
        <translation>导出结果 XLSX(&amp;X)…</translation>
    </message>
    <message>
        <source>A workbook: the candidates, each evaluator&apos;s scorecard on a second sheet, exact values shown to 2 decimals.</source>
        <translation>工作簿：参评单位结果，第二页为每位评审员的评分表；单元格保存精确值，按两位小数显示。</translation>
    </message>
    <message>
        <source>%v / %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>取消(&amp;N)</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>已写入</translation>
    </message>
    <message>
        <source>Nothing written yet in this window.</source>
        <translation>本窗口尚未写入任何文件。</translation>
    </message>
    <message>
        <source>&amp;Open Folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
</context>
<context>
    <name>SecReportsView</name>
    <message>
        <source>Reports</source>
        <translation>报告与导出</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Choose the folder to write into</source>
        <translation>选择写入的文件夹</translation>
    </message>
    <message>
        <source>Computing, rendering and signing the results report…</source>
        <translation>正在计算、生成并签名评审结果报告…</translation>
    </message>
    <message>
        <source>Writing and signing the feedback reports…</source>
        <translation>正在生成并签名反馈报告…</translation>
    </message>
    <message>
        <source>Writing the results table…</source>
        <translation>正在写入结果表…</translation>
    </message>
    <message>
        <source>Writing the evaluators&apos; scores…</source>
        <translation>正在写入评审员评分…</translation>
    </message>
    <message>
        <source>Writing the workbook…</source>
        <translation>正在写入工作簿…</translation>
    </message>
    <message>
        <source>Not written</source>
        <translation>未写入</translation>
    </message>
    <message>
        <source>{count} files written to {folder}.</source>
        <translation>已写入 {count} 个文件到 {folder}。</translation>
    </message>
    <message>
        <source>{count} results are not final yet and are marked so; the Consensus tab says what each still needs. Write again once they are final.</source>
        <translation>有 {count} 个结果尚未确认，已在文件中标明；「合议」页列出了每家单位还缺什么。确认后请重新生成。</translation>
    </message>
    <message>
        <source>Reports of &lt;b&gt;{round}&lt;/b&gt;.</source>
        <translation>&lt;b&gt;{round}&lt;/b&gt;的报告。</translation>
    </message>
    <message>
        <source>Stopped: the remaining files were not written.</source>
        <translation>已停止：其余文件未写入。</translation>
    </message>
    <message>
        <source>Nothing written yet in this window.</source>
        <translation>本窗口尚未写入任何文件。</translation>
    </message>
</context>
<context>
    <name>SecResults</name>
    <message>
        <source>Results</source>
        <translation>评审结果</translation>
    </message>
    <message>
        <source>Co&amp;mpute Again</source>
        <translation>重新计算(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Ranking by tier</source>
        <translation>梯队排名(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Tier:</source>
        <translation>梯队(&amp;T)：</translation>
    </message>
    <message>
        <source>Tier recommendation</source>
        <translation>梯队建议</translation>
    </message>
    <message>
        <source>&amp;Accept Recommendation</source>
        <translation>采纳建议(&amp;A)</translation>
    </message>
    <message>
        <source>Evaluator &amp;calibration (diagnostic)</source>
        <translation>评审员校准（仅供诊断）(&amp;C)</translation>
    </message>
    <message>
        <source>Diagnostic only: these figures help the committee see how evaluators score; they never change an official score.</source>
        <translation>仅供诊断：这些数据帮助评审委员会了解评审员的评分尺度，不会改变任何正式得分。</translation>
    </message>
    <message>
        <source>Leniency: each evaluator&apos;s total minus the panel mean</source>
        <translation>宽严度：评审员总分与评审组平均分之差</translation>
    </message>
    <message>
        <source>Evaluator</source>
        <translation>评审员</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>评审组数</translation>
    </message>
    <message>
        <source>Mean deviation</source>
        <translation>平均偏差</translation>
    </message>
    <message>
        <source>z</source>
        <translation>z 值</translation>
    </message>
    <message>
        <source>Panel agreement over item percentages</source>
        <translation>评审组一致性（按条款百分比）</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>参评单位</translation>
    </message>
    <message>
        <source>Raters</source>
        <translation>评审员人数</translation>
    </message>
    <message>
        <source>ICC(2,k)</source>
        <translation>ICC(2,k)</translation>
    </message>
    <message>
        <source>Kendall&apos;s W</source>
        <translation>肯德尔 W</translation>
    </message>
</context>
<context>
    <name>SecResultsView</name>
    <message>
        <source>Results</source>
        <translation>评审结果</translation>
    </message>
    <message>
        <source>Computing the results…</source>
        <translation>正在计算评审结果…</translation>
    </message>
    <message>
        <source>Computing the round&apos;s results…</source>
        <translation>正在计算本轮评审结果…</translation>
    </message>
    <message>
        <source>Cannot compute the results</source>
        <translation>无法计算评审结果</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>参评单位</translation>
    </message>
    <message>
        <source>n</source>
        <translation>有效份数</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均分</translation>
    </message>
    <message>
        <source>Trimmed mean</source>
        <translation>去极值平均分</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>Min–max</source>
        <translation>最低–最高</translation>
    </message>
    <message>
        <source>Sample SD (n−1)</source>
        <translation>样本标准差 (n−1)</translation>
    </message>
    <message>
        <source>Official ({rule})</source>
        <translation>最终得分（{rule}）</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>最终得分</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Tier: current → recommended</source>
        <translation>梯队：当前 → 建议</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>{tier} ({count})</source>
        <translation>{tier}（{count}）</translation>
    </message>
    <message>
        <source>Not final</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>No valid scorecard yet</source>
        <translation>尚无有效评分表</translation>
    </message>
    <message>
        <source>Incomplete panel: {n} of at least {minimum}</source>
        <translation>评审组不完整：{n} 份，至少需 {minimum} 份</translation>
    </message>
    <message>
        <source>Open divergences: {items}</source>
        <translation>未达成共识的分歧条款：{items}</translation>
    </message>
    <message>
        <source>Missing: {codes}</source>
        <translation>未提交：{codes}</translation>
    </message>
    <message>
        <source>Revision conflict: {codes}</source>
        <translation>修订版本冲突：{codes}</translation>
    </message>
    <message>
        <source>{code}: too few scorecards to measure agreement</source>
        <translation>{code}：评分表太少，无法衡量一致性</translation>
    </message>
    <message>
        <source>No round yet: there are no results to show.</source>
        <translation>尚无评审轮次：没有可显示的结果。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{round}&lt;/b&gt;: {scored} of {count} candidates scored, {final} final, {pending} tier recommendations to accept</source>
        <translation>&lt;b&gt;{round}&lt;/b&gt;：{count} 家参评单位中 {scored} 家已有得分，{final} 家已确认，{pending} 项梯队建议待采纳</translation>
    </message>
    <message>
        <source>Official score under rule {rule}: {description}. Figures rounded half up to 2 decimals; SD is the sample standard deviation (n−1).</source>
        <translation>最终得分按计分规则 {rule}：{description}。分数四舍五入保留两位小数；标准差为样本标准差（n−1）。</translation>
    </message>
    <message>
        <source>{name} has no official score yet, so no tier is recommended.</source>
        <translation>{name} 尚无最终得分，因此没有梯队建议。</translation>
    </message>
    <message>
        <source>{name} is already in the recommended tier.</source>
        <translation>{name} 已在建议的梯队中。</translation>
    </message>
    <message>
        <source>The result of {name} is ready but not final yet: make it final in the Consensus tab (Make Final). Then the recommendation can be accepted.</source>
        <translation>{name} 的结果已可定稿但尚未确认：请在「合议」页点击「结果定稿」，之后才能采纳建议。</translation>
    </message>
    <message>
        <source>Merge the scorecards still to come in the Inbox tab.</source>
        <translation>请在「收件与合并」页合并尚未收到的评分表。</translation>
    </message>
    <message>
        <source>Agree its divergent items in the Consensus tab.</source>
        <translation>请在「合议」页就其分歧条款达成一致。</translation>
    </message>
    <message>
        <source>The result of {name} is not final yet ({reasons}). {step} Then the recommendation can be accepted.</source>
        <translation>{name} 的结果尚未确认（{reasons}）。{step}之后才能采纳建议。</translation>
    </message>
    <message>
        <source>Select a candidate to see its tier recommendation.</source>
        <translation>选择一家参评单位以查看其梯队建议。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt;: {current} → {recommended} ({score} points)</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;：{current} → {recommended}（{score} 分）</translation>
    </message>
    <message>
        <source>Accepting records the move in the tier history.</source>
        <translation>采纳后将在梯队历史中记录此次调整。</translation>
    </message>
    <message>
        <source>Recommendation not accepted</source>
        <translation>未采纳建议</translation>
    </message>
    <message>
        <source>Accepting the recommendation…</source>
        <translation>正在采纳建议…</translation>
    </message>
</context>
<context>
    <name>SecRosterView</name>
    <message>
        <source>No request</source>
        <translation>未提交申请</translation>
    </message>
    <message>
        <source>Request received</source>
        <translation>已收到申请</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已签发</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已吊销</translation>
    </message>
    <message>
        <source>Provincial</source>
        <translation>省级</translation>
    </message>
    <message>
        <source>Municipal</source>
        <translation>市级</translation>
    </message>
    <message>
        <source>Roster and Keys</source>
        <translation>评审员与密钥</translation>
    </message>
    <message>
        <source>Revoked from {time} by {actor}: {reason}</source>
        <translation>自 {time} 起由 {actor} 吊销：{reason}</translation>
    </message>
    <message>
        <source>fingerprint {fingerprint}</source>
        <translation>指纹 {fingerprint}</translation>
    </message>
    <message>
        <source>Receive certificate request</source>
        <translation>接收证书申请</translation>
    </message>
    <message>
        <source>Certificate requests (*.csr.pem *.pem *.csr);;All files (*)</source>
        <translation>证书申请 (*.csr.pem *.pem *.csr);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading the certificate request…</source>
        <translation>正在读取证书申请…</translation>
    </message>
    <message>
        <source>Request not received</source>
        <translation>未能接收申请</translation>
    </message>
    <message>
        <source>Save the certificate for {code}</source>
        <translation>保存 {code} 的证书</translation>
    </message>
    <message>
        <source>Certificates (*.crt.pem *.pem)</source>
        <translation>证书 (*.crt.pem *.pem)</translation>
    </message>
    <message>
        <source>Issuing the certificate…</source>
        <translation>正在签发证书…</translation>
    </message>
    <message>
        <source>Certificate not issued</source>
        <translation>证书未签发</translation>
    </message>
    <message>
        <source>Certificate issued</source>
        <translation>证书已签发</translation>
    </message>
    <message>
        <source>The certificate for {code} is saved as {path}. Send it to the evaluator; they compare its fingerprint {fingerprint} when they install it.</source>
        <translation>{code} 的证书已保存为 {path}。请发送给该评审员；安装时由其核对证书指纹 {fingerprint}。</translation>
    </message>
    <message>
        <source>Revoke certificate</source>
        <translation>吊销证书</translation>
    </message>
    <message>
        <source>Why is the certificate of {code} {name} revoked (for example, a lost laptop)? From now on, scorecards signed with it are refused; those signed before still count.</source>
        <translation>为何吊销 {code} {name} 的证书（例如笔记本电脑丢失）？此后用该证书签名的评分表将被拒收；此前签名的仍然有效。</translation>
    </message>
    <message>
        <source>Revoking the certificate…</source>
        <translation>正在吊销证书…</translation>
    </message>
    <message>
        <source>Certificate not revoked</source>
        <translation>证书未吊销</translation>
    </message>
    <message>
        <source>Certificate revoked</source>
        <translation>证书已吊销</translation>
    </message>
    <message>
        <source>The certificate of {code} is revoked from {time}. Issue a new one when the evaluator sends a request made with a new signing identity.</source>
        <translation>{code} 的证书自 {time} 起吊销。评审员用新的签名身份提交申请后，再为其签发新证书。</translation>
    </message>
    <message>
        <source>Back up committee keys</source>
        <translation>备份评审委员会密钥</translation>
    </message>
    <message>
        <source>The backup holds the committee root&apos;s and the secretariat&apos;s signing keys: with it a new laptop issues and checks certificates for the same committee. Choose a passphrase; without it the backup cannot be restored. Keep the file and the passphrase apart.</source>
        <translation>备份包含评审委员会根证书密钥和秘书处签名密钥：凭它，新电脑可以为同一评审委员会签发和核验证书。请设置口令；没有口令无法恢复备份。备份文件与口令请分开保管。</translation>
    </message>
    <message>
        <source>Restore committee keys</source>
        <translation>恢复评审委员会密钥</translation>
    </message>
    <message>
        <source>The passphrase you chose when you made this backup:</source>
        <translation>制作此备份时设置的口令：</translation>
    </message>
    <message>
        <source>Create committee root</source>
        <translation>创建评审委员会根证书</translation>
    </message>
    <message>
        <source>The committee&apos;s name, printed in every certificate it issues. Back up its keys afterwards: without them no evaluator can be enrolled again.</source>
        <translation>评审委员会名称，将写入其签发的每一张证书。创建后请备份密钥：一旦丢失，将无法再为任何评审员签发证书。</translation>
    </message>
    <message>
        <source>Creating the committee root…</source>
        <translation>正在创建评审委员会根证书…</translation>
    </message>
    <message>
        <source>Committee root not created</source>
        <translation>未创建评审委员会根证书</translation>
    </message>
    <message>
        <source>Committee root created</source>
        <translation>已创建评审委员会根证书</translation>
    </message>
    <message>
        <source>Root fingerprint {fingerprint}. Back up the committee keys now (Back Up Committee Keys…) and keep the file apart from its passphrase.</source>
        <translation>根证书指纹 {fingerprint}。请立即备份评审委员会密钥（备份评审委员会密钥…），并将备份文件与口令分开保管。</translation>
    </message>
    <message>
        <source>Save the backup of the committee keys</source>
        <translation>保存评审委员会密钥备份</translation>
    </message>
    <message>
        <source>Committee key backups (*.qzkeys);;All files (*)</source>
        <translation>评审委员会密钥备份 (*.qzkeys);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Backing up the committee keys…</source>
        <translation>正在备份评审委员会密钥…</translation>
    </message>
    <message>
        <source>Keys not backed up</source>
        <translation>密钥未备份</translation>
    </message>
    <message>
        <source>Committee keys backed up</source>
        <translation>评审委员会密钥已备份</translation>
    </message>
    <message>
        <source>Saved as {path}. Keep it on a stick in a locked drawer, apart from the passphrase.</source>
        <translation>已保存为 {path}。请存放在U盘中并锁入抽屉，与口令分开保管。</translation>
    </message>
    <message>
        <source>Restoring the committee keys…</source>
        <translation>正在恢复评审委员会密钥…</translation>
    </message>
    <message>
        <source>Keys not restored</source>
        <translation>密钥未恢复</translation>
    </message>
    <message>
        <source>Committee keys restored</source>
        <translation>评审委员会密钥已恢复</translation>
    </message>
    <message>
        <source>The keys of {committee} are in this computer&apos;s keychain (root fingerprint {fingerprint}). Certificates issued here chain to the same committee.</source>
        <translation>{committee} 的密钥已存入本机钥匙串（根证书指纹 {fingerprint}）。在此签发的证书属于同一评审委员会。</translation>
    </message>
    <message>
        <source>The evaluators and their signing certificates. Drop an evaluator&apos;s certificate request (.csr.pem) on this page, or choose it, then issue the certificate and send the saved file back to the evaluator.</source>
        <translation>评审员及其签名证书。将评审员的证书申请（.csr.pem）拖放到本页或选择文件，然后签发证书，并把保存的文件发回给评审员。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>&amp;Receive Request…</source>
        <translation>接收申请(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Issue Certificate…</source>
        <translation>签发证书(&amp;I)…</translation>
    </message>
    <message>
        <source>Re&amp;voke Certificate…</source>
        <translation>吊销证书(&amp;V)…</translation>
    </message>
    <message>
        <source>Once, when the committee starts: its root certificate and the secretariat&apos;s signing key, kept in this computer&apos;s keychain.</source>
        <translation>评审委员会成立时只需一次：生成根证书和秘书处签名密钥，保存在本机的系统钥匙串中。</translation>
    </message>
    <message>
        <source>&amp;Create Committee Root…</source>
        <translation>创建评审委员会根证书(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Back Up Committee Keys…</source>
        <translation>备份评审委员会密钥(&amp;B)…</translation>
    </message>
    <message>
        <source>Res&amp;tore Committee Keys…</source>
        <translation>恢复评审委员会密钥(&amp;T)…</translation>
    </message>
</context>
<context>
    <name>SecretariatWindow</name>
    <message>
        <source>Cannot open the workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <source>{name} is an evaluator&apos;s workspace, for scoring on an evaluator&apos;s laptop. Choose the secretariat&apos;s workspace.</source>
        <translation>{name} 是评审员的工作区，用于评审员本人评分。请选择秘书处的工作区。</translation>
    </message>
    <message>
        <source>Preparing the secretariat demo: signing and merging scorecards…</source>
        <translation>正在准备秘书处演示：签名并汇总评分表…</translation>
    </message>
    <message>
        <source>Cannot create the demo workspace</source>
        <translation>无法创建演示工作区</translation>
    </message>
    <message>
        <source>Ro&amp;und:</source>
        <translation>轮次(&amp;U)：</translation>
    </message>
    <message>
        <source>The round the panels, consensus, results and reports are about.</source>
        <translation>评审组、合议、评审结果和报告所针对的评审轮次。</translation>
    </message>
    <message>
        <source>Secretariat — qz-evaluator</source>
        <translation>秘书处 — qz-evaluator</translation>
    </message>
    <message>
        <source>No workspace open</source>
        <translation>未打开工作区</translation>
    </message>
    <message>
        <source>{name} — Secretariat — qz-evaluator</source>
        <translation>{name} — 秘书处 — qz-evaluator</translation>
    </message>
    <message>
        <source>no round yet</source>
        <translation>尚无评审轮次</translation>
    </message>
    <message>
        <source>{name}  ·  Secretariat  ·  {round}  ·  {path}</source>
        <translation>{name}  ·  秘书处  ·  {round}  ·  {path}</translation>
    </message>
    <message>
        <source>About qz-evaluator</source>
        <translation>关于 qz-evaluator</translation>
    </message>
    <message>
        <source>qz-evaluator {version}
The secretariat&apos;s window for the Quzhou government quality award (GB/T 19580-2012).</source>
        <translation>qz-evaluator {version}
衢州市政府质量奖秘书处窗口（GB/T 19580-2012）。</translation>
    </message>
    <message>
        <source>Open the secretariat&apos;s workspace to manage the round.</source>
        <translation>打开秘书处工作区以管理评审轮次。</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>Open the Secretariat &amp;Demo</source>
        <translation>打开秘书处演示(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
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
        <source>&amp;Back Up Workspace…</source>
        <translation>备份工作区(&amp;B)…</translation>
    </message>
    <message>
        <source>Write a consistent copy of the workspace to one file: the safe way to copy it</source>
        <translation>将工作区完整一致地复制为一个文件：复制工作区的安全方式</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About qz-evaluator</source>
        <translation>关于 qz-evaluator(&amp;A)</translation>
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
    <name>UserError</name>
    <message>
        <source>no bundled criteria set {criteria_id!r} (looked for {path})</source>
        <translation>程序未附带评价准则 {criteria_id!r}（查找位置：{path}）</translation>
    </message>
    <message>
        <source>{path}: declares id {id!r}, expected {criteria_id!r}</source>
        <translation>{path}：声明的标识为 {id!r}，应为 {criteria_id!r}</translation>
    </message>
    <message>
        <source>{path}: cannot read criteria file ({strerror})</source>
        <translation>{path}：无法读取评价准则文件（{strerror}）</translation>
    </message>
    <message>
        <source>{path}: not valid JSON (line {lineno}, column {colno}: {msg})</source>
        <translation>{path}：不是有效的 JSON（第 {lineno} 行第 {colno} 列：{msg}）</translation>
    </message>
    <message>
        <source>{what} must be greater than 0, got {value!r}</source>
        <translation>{what} 必须大于 0，实际为 {value!r}</translation>
    </message>
    <message>
        <source>no official score without at least one valid scorecard</source>
        <translation>至少要有一份有效评分表才能得出正式得分</translation>
    </message>
    <message>
        <source>{what} must be a number such as 1 or &quot;1.5&quot;, got {value!r}</source>
        <translation>{what} 必须是数字（如 1 或 &quot;1.5&quot;），实际为 {value!r}</translation>
    </message>
    <message>
        <source>{what} {value!r} is not a number</source>
        <translation>{what} {value!r} 不是数字</translation>
    </message>
    <message>
        <source>unknown aggregation rule {name!r} (known: {known})</source>
        <translation>未知的汇总规则 {name!r}（可用：{known}）</translation>
    </message>
    <message>
        <source>aggregation rule {name!r} has no version {version!r} in this program (supported: {supported})</source>
        <translation>本程序的汇总规则 {name!r} 没有版本 {version!r}（支持：{supported}）</translation>
    </message>
    <message>
        <source>evaluator weights apply only to the {WEIGHTED!r} rule, not to {name!r}</source>
        <translation>评审员权重只适用于 {WEIGHTED!r} 规则，不适用于 {name!r}</translation>
    </message>
    <message>
        <source>an aggregation rule must be a JSON object, got {data!r}</source>
        <translation>汇总规则必须是 JSON 对象，实际为 {data!r}</translation>
    </message>
    <message>
        <source>aggregation rule has unknown field(s): {join}</source>
        <translation>汇总规则含有未知字段：{join}</translation>
    </message>
    <message>
        <source>aggregation rule name must be text, got {name!r}</source>
        <translation>汇总规则名称必须是文本，实际为 {name!r}</translation>
    </message>
    <message>
        <source>aggregation rule version must be a whole number, got {version!r}</source>
        <translation>汇总规则版本必须是整数，实际为 {version!r}</translation>
    </message>
    <message>
        <source>unknown tier {text!r}: use seed/potential/advantage or 种子/潜力/优势</source>
        <translation>未知梯队 {text!r}：请使用 种子/潜力/优势（或 seed/potential/advantage）</translation>
    </message>
    <message>
        <source>{name} is already in tier {value}</source>
        <translation>{name} 已在梯队 {value} 中</translation>
    </message>
    <message>
        <source>a tier change needs a reason (e.g. the round&apos;s result)</source>
        <translation>调整梯队需要说明理由（例如本轮评审结果）</translation>
    </message>
    <message>
        <source>candidate name is empty</source>
        <translation>单位名称为空</translation>
    </message>
    <message>
        <source>county/district is empty</source>
        <translation>所在县（市、区）为空</translation>
    </message>
    <message>
        <source>declaration.json: not a {format} document</source>
        <translation>declaration.json：不是 {format} 文档</translation>
    </message>
    <message>
        <source>declaration.json: format version {version!r} is unknown to this program (it reads version {known}); update qz-evaluator</source>
        <translation>declaration.json：本程序不认识格式版本 {version!r}（本程序读取版本 {known}）；请更新 qz-evaluator</translation>
    </message>
    <message>
        <source>declaration.json: the reason is empty</source>
        <translation>declaration.json：回避事由为空</translation>
    </message>
    <message>
        <source>declaration.json: {problem}</source>
        <translation>declaration.json：{problem}</translation>
    </message>
    <message>
        <source>declaration.json is not valid JSON ({error})</source>
        <translation>declaration.json 不是有效的 JSON（{error}）</translation>
    </message>
    <message>
        <source>declaration.json: unexpected value ({error})</source>
        <translation>declaration.json：取值不符合要求（{error}）</translation>
    </message>
    <message>
        <source>the reason for the conflict declaration</source>
        <translation>回避声明的理由</translation>
    </message>
    <message>
        <source>the divergence threshold must be a whole number ≥ 1, got {threshold!r}</source>
        <translation>分歧阈值必须是不小于 1 的整数，实际为 {threshold!r}</translation>
    </message>
    <message>
        <source>each scorecard of the panel needs its row of percentages</source>
        <translation>评审组的每份评分表都需要一行得分率</translation>
    </message>
    <message>
        <source>the panel has no valid scorecards for this candidate</source>
        <translation>评审组对该单位还没有有效评分表</translation>
    </message>
    <message>
        <source>the consensus note on {item_code} needs an author</source>
        <translation>{item_code} 的共识意见需要填写记录人</translation>
    </message>
    <message>
        <source>the consensus note on {item_code} needs a text</source>
        <translation>{item_code} 的共识意见需要填写内容</translation>
    </message>
    <message>
        <source>the author of the consensus note on {item}</source>
        <translation>条款 {item} 共识意见的记录人</translation>
    </message>
    <message>
        <source>the consensus note on {item}</source>
        <translation>条款 {item} 的共识意见</translation>
    </message>
    <message>
        <source>evaluator {evaluator_code} has more than one scorecard for this candidate and round; only the latest revision may count</source>
        <translation>评审员 {evaluator_code} 在本轮对该单位有多份评分表；只能计入最新版次</translation>
    </message>
    <message>
        <source>a scorecard has {len} percentages, criteria set {id} has {count} items</source>
        <translation>评分表有 {len} 个得分率，而评价准则 {id} 有 {count} 个条款</translation>
    </message>
    <message>
        <source>need 17 characters to compute a check character, got {len}</source>
        <translation>计算校验码需要 17 个字符，实际为 {len} 个</translation>
    </message>
    <message>
        <source>credit code {code!r} has {len} characters, expected 18</source>
        <translation>统一社会信用代码 {code!r} 有 {len} 个字符，应为 18 个</translation>
    </message>
    <message>
        <source>credit code {code!r} fails the GB 32100 check: last character should be {expected!r}</source>
        <translation>统一社会信用代码 {code!r} 未通过 GB 32100 校验：最后一位应为 {expected!r}</translation>
    </message>
    <message>
        <source>character {char!r} at position {position} is not allowed</source>
        <translation>第 {position} 位的字符 {char!r} 不允许使用</translation>
    </message>
    <message>
        <source>criteria set {id} has no category {code!r}</source>
        <translation>评价准则 {id} 中没有类目 {code!r}</translation>
    </message>
    <message>
        <source>no band of {id} contains {percent}%</source>
        <translation>评价准则 {id} 中没有包含 {percent}% 的评分档</translation>
    </message>
    <message>
        <source>{where}: field {key!r} is missing or not a {name__}</source>
        <translation>{where}：字段 {key!r} 缺失或不是 {name__}</translation>
    </message>
    <message>
        <source>{where}: bands for {kind} items are missing</source>
        <translation>{where}：缺少 {kind} 类条款的评分档</translation>
    </message>
    <message>
        <source>{where}: {kind} bands end at {high}%, not at 100%</source>
        <translation>{where}：{kind} 类评分档止于 {high}%，而不是 100%</translation>
    </message>
    <message>
        <source>{source}: not a criteria document (expected a JSON object)</source>
        <translation>{source}：不是评价准则文件（应为 JSON 对象）</translation>
    </message>
    <message>
        <source>{source}: format is {get!r}, expected {FORMAT!r}</source>
        <translation>{source}：格式为 {get!r}，应为 {FORMAT!r}</translation>
    </message>
    <message>
        <source>{source}: criteria format version {version!r} is not supported by this program (supported: {join})</source>
        <translation>{source}：本程序不支持评价准则格式版本 {version!r}（支持：{join}）</translation>
    </message>
    <message>
        <source>{source}: step_percent {step} does not divide 100</source>
        <translation>{source}：步长 {step} 不能整除 100</translation>
    </message>
    <message>
        <source>{source}: no categories</source>
        <translation>{source}：没有类目</translation>
    </message>
    <message>
        <source>{source}: category points add up to {category_sum}, but total_points is {total}</source>
        <translation>{source}：各类目分值合计 {category_sum}，但总分为 {total}</translation>
    </message>
    <message>
        <source>criteria set {id} has no item {code!r}</source>
        <translation>评价准则 {id} 中没有条款 {code!r}</translation>
    </message>
    <message>
        <source>{spot} is not an object</source>
        <translation>{spot} 不是对象</translation>
    </message>
    <message>
        <source>{spot} ({low}–{high}%) does not continue the bands in {step}% steps from {expected_low}%</source>
        <translation>{spot}（{low}–{high}%）没有从 {expected_low}% 起按 {step}% 步长接续评分档</translation>
    </message>
    <message>
        <source>{source}: dimension set {set_name!r} is empty</source>
        <translation>{source}：评价维度组 {set_name!r} 为空</translation>
    </message>
    <message>
        <source>{source}: dimension set {set_name} for {kind} items is missing</source>
        <translation>{source}：缺少 {kind} 类条款的评价维度组 {set_name}</translation>
    </message>
    <message>
        <source>{source}: a category is not an object</source>
        <translation>{source}：有一个类目不是对象</translation>
    </message>
    <message>
        <source>{where}: code {code!r} is used twice</source>
        <translation>{where}：编号 {code!r} 重复使用</translation>
    </message>
    <message>
        <source>{where}: has no scored items</source>
        <translation>{where}：没有评分条款</translation>
    </message>
    <message>
        <source>{where}: item points add up to {item_sum}, but the category declares {points}</source>
        <translation>{where}：条款分值合计 {item_sum}，但类目声明为 {points}</translation>
    </message>
    <message>
        <source>{spot}: entries must be objects</source>
        <translation>{spot}：各项必须是对象</translation>
    </message>
    <message>
        <source>{where}: kind must be &apos;process&apos; or &apos;results&apos;</source>
        <translation>{where}：类型必须是 &apos;process&apos;（过程）或 &apos;results&apos;（结果）</translation>
    </message>
    <message>
        <source>{where}: an item is not an object</source>
        <translation>{where}：有一个条款不是对象</translation>
    </message>
    <message>
        <source>{item_where}: code {item_code!r} is used twice</source>
        <translation>{item_where}：编号 {item_code!r} 重复使用</translation>
    </message>
    <message>
        <source>{item_where}: points must be positive, got {item_points}</source>
        <translation>{item_where}：分值必须为正数，实际为 {item_points}</translation>
    </message>
    <message>
        <source>{context}evaluator {evaluator} has a recorded conflict of interest with {candidate} and must not score it in round {round}</source>
        <translation>{context}评审员 {evaluator} 与 {candidate} 已登记利益冲突，不得在轮次 {round} 中为其评分</translation>
    </message>
    <message>
        <source>{context}{candidate} has been withdrawn from round {round}; evaluator {evaluator} no longer scores it</source>
        <translation>{context}{candidate} 已退出轮次 {round}；评审员 {evaluator} 不再为其评分</translation>
    </message>
    <message>
        <source>{context}evaluator {evaluator} is not on the panel of {candidate} in round {round}</source>
        <translation>{context}评审员 {evaluator} 不在轮次 {round} 中 {candidate} 的评审组内</translation>
    </message>
    <message>
        <source>a paper code has {length} characters; {count} were given</source>
        <translation>核验码共 {length} 个字符，输入了 {count} 个</translation>
    </message>
    <message>
        <source>the paper code {code} is mistyped: its check character does not match; compare it with the page again</source>
        <translation>核验码 {code} 输入有误：校验字符不符，请对照纸面重新核对</translation>
    </message>
    <message>
        <source>character {position} of the paper code, {char}, is not used in codes</source>
        <translation>核验码第 {position} 个字符“{char}”不是核验码使用的字符</translation>
    </message>
    <message>
        <source>character {position} of the paper code, {char}, is never used in codes (they have no {pair}); check what is printed under the QR code</source>
        <translation>核验码第 {position} 个字符“{char}”从不出现在核验码中（核验码不含 {pair}），请核对二维码下方印的字符</translation>
    </message>
    <message>
        <source>the {what} threshold must be a finite number, got {value!r}</source>
        <translation>{what} 门槛必须是有限数值，实际为 {value!r}</translation>
    </message>
    <message>
        <source>candidate {credit_code} appears more than once in the ranking</source>
        <translation>单位 {credit_code} 在排名中出现了多次</translation>
    </message>
    <message>
        <source>the {what} threshold must be a number, got {value!r}</source>
        <translation>{what} 门槛必须是数字，实际为 {value!r}</translation>
    </message>
    <message>
        <source>the {what} threshold {value!r} is not a number</source>
        <translation>{what} 门槛 {value!r} 不是数字</translation>
    </message>
    <message>
        <source>tier thresholds need 0 ≤ potential &lt; advantage ≤ 1000, got potential {format_points} and advantage {format_points_2}</source>
        <translation>梯队门槛须满足 0 ≤ 潜力 &lt; 优势 ≤ 1000，实际为潜力 {format_points}、优势 {format_points_2}</translation>
    </message>
    <message>
        <source>tier thresholds must be a JSON object, got {data!r}</source>
        <translation>梯队门槛必须是 JSON 对象，实际为 {data!r}</translation>
    </message>
    <message>
        <source>tier thresholds have unknown field(s): {join}</source>
        <translation>梯队门槛含有未知字段：{join}</translation>
    </message>
    <message>
        <source>tier thresholds miss the {key!r} field</source>
        <translation>梯队门槛缺少字段 {key!r}</translation>
    </message>
    <message>
        <source>unknown evaluator level {text!r}: use provincial/municipal or 省级/市级</source>
        <translation>未知的评审员级别 {text!r}：请使用 省级/市级（或 provincial/municipal）</translation>
    </message>
    <message>
        <source>{what} {code!r} must be 1–32 letters, digits, &apos;-&apos; or &apos;_&apos;</source>
        <translation>{what} {code!r} 必须由 1–32 个字母、数字、&apos;-&apos; 或 &apos;_&apos; 组成</translation>
    </message>
    <message>
        <source>evaluator name is empty</source>
        <translation>评审员姓名为空</translation>
    </message>
    <message>
        <source>days per candidate must be a number of quarter days between 0.25 and {most} (not {days})</source>
        <translation>每家单位天数须为 0.25 至 {most} 之间、以四分之一天计的数（而不是 {days}）</translation>
    </message>
    <message>
        <source>unknown scorecard language {language!r} (zh or en)</source>
        <translation>未知的评分表语言 {language!r}（应为 zh 或 en）</translation>
    </message>
    <message>
        <source>a comment limit must be a positive number of characters</source>
        <translation>评语字数上限必须是正整数（字符数）</translation>
    </message>
    <message>
        <source>round settings are not an object</source>
        <translation>轮次设置格式错误（不是对象）</translation>
    </message>
    <message>
        <source>round settings are malformed</source>
        <translation>轮次设置格式错误</translation>
    </message>
    <message>
        <source>round settings: the comment limit is not a number</source>
        <translation>轮次设置：评语字数上限不是数字</translation>
    </message>
    <message>
        <source>round settings: the days per candidate are not a number</source>
        <translation>轮次设置：每家单位天数不是数字</translation>
    </message>
    <message>
        <source>days per candidate {text!r} is not a number</source>
        <translation>每家单位天数 {text!r} 不是数字</translation>
    </message>
    <message>
        <source>the evidence of item {item}</source>
        <translation>条款 {item} 的评审证据</translation>
    </message>
    <message>
        <source>the strengths of item {item}</source>
        <translation>条款 {item} 的强项</translation>
    </message>
    <message>
        <source>the opportunities for improvement of item {item}</source>
        <translation>条款 {item} 的改进机会</translation>
    </message>
    <message>
        <source>cannot finalise: {len} of {len_2} items are not scored ({join})</source>
        <translation>无法定稿：{len_2} 个条款中有 {len} 个未评分（{join}）</translation>
    </message>
    <message>
        <source>scorecard uses {criteria_id}, round uses {criteria_id_2}</source>
        <translation>评分表使用 {criteria_id}，而轮次使用 {criteria_id_2}</translation>
    </message>
    <message>
        <source>stored item percentages are not a list</source>
        <translation>保存的条款得分率不是列表</translation>
    </message>
    <message>
        <source>scorecard.json: not a {FORMAT} document</source>
        <translation>scorecard.json：不是 {FORMAT} 文件</translation>
    </message>
    <message>
        <source>scorecard.json: format version {version!r} is unknown to this program (it reads version {join}); update qz-evaluator</source>
        <translation>scorecard.json：本程序不认识格式版本 {version!r}（可读取版本 {join}）；请更新 qz-evaluator</translation>
    </message>
    <message>
        <source>scorecard.json: items do not match criteria set {id}</source>
        <translation>scorecard.json：条款与评价准则 {id} 不符</translation>
    </message>
    <message>
        <source>scorecard.json: stated total {stated} does not equal the items&apos; sum {format_points}</source>
        <translation>scorecard.json：所写总分 {stated} 与各条款之和 {format_points} 不等</translation>
    </message>
    <message>
        <source>scorecard.json: the final scorecard does not record that the evaluator affirmed the no-conflict declaration</source>
        <translation>scorecard.json：已定稿的评分表没有记录评审员确认无利害关系声明</translation>
    </message>
    <message>
        <source>scorecard.json: the declaration is not the text shown to the evaluator</source>
        <translation>scorecard.json：声明内容与向评审员展示的文本不一致</translation>
    </message>
    <message>
        <source>scorecard.json: the declaration was not affirmed before the export</source>
        <translation>scorecard.json：声明不是在导出之前确认的</translation>
    </message>
    <message>
        <source>scorecard.json is not valid JSON ({error})</source>
        <translation>scorecard.json 不是有效的 JSON（{error}）</translation>
    </message>
    <message>
        <source>scorecard.json: an item is not an object</source>
        <translation>scorecard.json：有一个条款不是对象</translation>
    </message>
    <message>
        <source>scorecard.json: an item percentage is not a number</source>
        <translation>scorecard.json：有一个条款得分率不是数字</translation>
    </message>
    <message>
        <source>scorecard.json: {error}</source>
        <translation>scorecard.json：{error}</translation>
    </message>
    <message>
        <source>scorecard.json: total is not a number</source>
        <translation>scorecard.json：总分不是数字</translation>
    </message>
    <message>
        <source>scorecard.json: declaration affirmed_at is malformed</source>
        <translation>scorecard.json：声明确认时间格式错误</translation>
    </message>
    <message>
        <source>scorecard.json: a declaration or export time is malformed</source>
        <translation>scorecard.json：声明时间或导出时间格式错误</translation>
    </message>
    <message>
        <source>scorecard.json: the edit history does not lead to the scores ({problem})</source>
        <translation>scorecard.json：修改记录与评分不符（{problem}）</translation>
    </message>
    <message>
        <source>the name of round {round}</source>
        <translation>评审轮次 {round} 的名称</translation>
    </message>
    <message>
        <source>scorecard.json: unexpected value ({error})</source>
        <translation>scorecard.json：意外的值（{error}）</translation>
    </message>
    <message>
        <source>scorecard.json: revision {revision} is outside 1…{MAX_REVISION}</source>
        <translation>scorecard.json：版本号 {revision} 不在 1…{MAX_REVISION} 范围内</translation>
    </message>
    <message>
        <source>scorecard.json: {problem}</source>
        <translation>scorecard.json：{problem}</translation>
    </message>
    <message>
        <source>a percentage must be a whole number, got {percent!r}</source>
        <translation>得分率必须是整数，实际为 {percent!r}</translation>
    </message>
    <message>
        <source>a percentage must be between 0 and 100, got {percent}</source>
        <translation>得分率必须在 0 到 100 之间，实际为 {percent}</translation>
    </message>
    <message>
        <source>a percentage moves in {step}% steps; {percent}% is not one of them</source>
        <translation>得分率以 {step}% 为步长；{percent}% 不是有效取值</translation>
    </message>
    <message>
        <source>criteria set {id} has no item(s) {join}</source>
        <translation>评价准则 {id} 中没有条款 {join}</translation>
    </message>
    <message>
        <source>{text!r} is not a percentage</source>
        <translation>{text!r} 不是得分率</translation>
    </message>
    <message>
        <source>{file}: {where}{key} is missing or malformed</source>
        <translation>{file}：{where}{key} 缺失或格式错误</translation>
    </message>
    <message>
        <source>no scores to describe: the panel has no valid scorecards</source>
        <translation>没有可统计的评分：评审组还没有有效评分表</translation>
    </message>
    <message>
        <source>a score must be a finite Decimal, got {value!r}</source>
        <translation>得分必须是有限的十进制数，实际为 {value!r}</translation>
    </message>
    <message>
        <source>it is not readable text</source>
        <translation>不是可读的文字</translation>
    </message>
    <message>
        <source>{what}: {problem}</source>
        <translation>{what}：{problem}</translation>
    </message>
    <message>
        <source>Correct the text and try again.</source>
        <translation>请修改文字后重试。</translation>
    </message>
    <message>
        <source>the invisible or control character {character} at character {position} is not allowed</source>
        <translation>第 {position} 个字符是不可见字符或控制字符 {character}，不允许使用</translation>
    </message>
    <message>
        <source>it has {length} characters, more than the {limit} allowed</source>
        <translation>共 {length} 个字符，超过允许的 {limit} 个</translation>
    </message>
    <message>
        <source>it has no visible characters (only blank, zero-width or filler ones)</source>
        <translation>没有可见字符（只有空白、零宽或填充字符）</translation>
    </message>
    <message>
        <source>a directory</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>a symbolic link</source>
        <translation>符号链接</translation>
    </message>
    <message>
        <source>a special file</source>
        <translation>特殊文件</translation>
    </message>
    <message>
        <source>an absolute path</source>
        <translation>绝对路径</translation>
    </message>
    <message>
        <source>a path outside the package</source>
        <translation>指向任务包以外的路径</translation>
    </message>
    <message>
        <source>{name} is not a JSON object</source>
        <translation>{name} 不是 JSON 对象</translation>
    </message>
    <message>
        <source>the package&apos;s manifest and assignment name different evaluators</source>
        <translation>任务包的清单与任务书写的评审员不一致</translation>
    </message>
    <message>
        <source>the package&apos;s round uses a different criteria set than it carries</source>
        <translation>任务包中轮次使用的评价准则与包内附带的不同</translation>
    </message>
    <message>
        <source>assignment.json has an unknown format or version</source>
        <translation>assignment.json 的格式或版本未知</translation>
    </message>
    <message>
        <source>{name} is not valid JSON ({error})</source>
        <translation>{name} 不是有效的 JSON（{error}）</translation>
    </message>
    <message>
        <source>the package content is damaged: {error}</source>
        <translation>任务包内容已损坏：{error}</translation>
    </message>
    <message>
        <source>assignment.json is malformed ({error})</source>
        <translation>assignment.json 格式错误（{error}）</translation>
    </message>
    <message>
        <source>no conflict of interest is declared on the scorecard for {candidate}</source>
        <translation>{candidate} 的评分表上没有声明回避</translation>
    </message>
    <message>
        <source>the declaration was exported at {time} and may already be with the secretariat; it can no longer be withdrawn. Ask the secretariat to correct it</source>
        <translation>该回避声明已于 {time} 导出，可能已送达秘书处，不能再撤回。请联系秘书处更正</translation>
    </message>
    <message>
        <source>no item {code} in the criteria of this round</source>
        <translation>本轮评审准则中没有条款 {code}</translation>
    </message>
    <message>
        <source>the panel of {name} has no leader to write its consensus</source>
        <translation>{name}的评审组没有组长来记录合议</translation>
    </message>
    <message>
        <source>Mark the panel&apos;s leader in Panels, then record the consensus.</source>
        <translation>请先在“评审组”中指定组长，再记录合议。</translation>
    </message>
    <message>
        <source>column {column} has no visible characters (only blank, zero-width or filler characters)</source>
        <translation>列 {column} 没有可见字符（只有空白、零宽或填充字符）</translation>
    </message>
    <message>
        <source>column {column} holds the invisible or control character {character}; remove it from the file and import again</source>
        <translation>列 {column} 含有不可见字符或控制字符 {character}；请从文件中删去后重新导入</translation>
    </message>
    <message>
        <source>column {column} is longer than {limit} characters</source>
        <translation>列 {column} 超过 {limit} 个字符</translation>
    </message>
    <message>
        <source>the file is not UTF-8 and does not read as GB18030 Chinese text (Big5 or Shift-JIS?); save it from Excel as &quot;CSV UTF-8&quot; and import again</source>
        <translation>文件不是 UTF-8 编码，按 GB18030 读出的也不是中文文本（可能是 Big5 或 Shift-JIS）；请在 Excel 中另存为“CSV UTF-8”后重新导入</translation>
    </message>
    <message>
        <source>the file is neither UTF-8 nor GB18030 text</source>
        <translation>文件既不是 UTF-8 也不是 GB18030 编码的文本</translation>
    </message>
    <message>
        <source>missing column(s) {missing}; expected {expected}</source>
        <translation>缺少列 {missing}；应有的列：{expected}</translation>
    </message>
    <message>
        <source>the reason for a conflict</source>
        <translation>回避理由</translation>
    </message>
    <message>
        <source>receipt.json has an unknown format or version</source>
        <translation>receipt.json 的格式或版本无法识别</translation>
    </message>
    <message>
        <source>the receipt&apos;s manifest and receipt.json name different rounds or evaluators</source>
        <translation>回执的清单与 receipt.json 所写的轮次或评审员不一致</translation>
    </message>
    <message>
        <source>the receipt is refused: {error}</source>
        <translation>回执被拒绝：{error}</translation>
    </message>
    <message>
        <source>receipt.json is malformed ({error})</source>
        <translation>receipt.json 格式有误（{error}）</translation>
    </message>
    <message>
        <source>{name} in the file is implausibly large</source>
        <translation>文件中的 {name} 大得不合常理</translation>
    </message>
    <message>
        <source>the file&apos;s manifest has no valid time of issue</source>
        <translation>文件清单中没有有效的签发时间</translation>
    </message>
    <message>
        <source>the file is larger than it can be (at most {limit} bytes)</source>
        <translation>文件超出允许的大小（最多 {limit} 字节）</translation>
    </message>
    <message>
        <source>the file holds more entries than it can have</source>
        <translation>文件包含的条目数超出允许范围</translation>
    </message>
    <message>
        <source>the file has no {name}</source>
        <translation>文件中没有 {name}</translation>
    </message>
    <message>
        <source>{name} in the file is damaged</source>
        <translation>文件中的 {name} 已损坏</translation>
    </message>
    <message>
        <source>the file is not a zip file</source>
        <translation>该文件不是 zip 文件</translation>
    </message>
    <message>
        <source>the file holds {name} more than once</source>
        <translation>文件中 {name} 出现了不止一次</translation>
    </message>
    <message>
        <source>the file&apos;s entry {name} is {what}; it may hold only plain files</source>
        <translation>文件中的条目 {name} 是{what}；其中只能包含普通文件</translation>
    </message>
    <message>
        <source>{name} in the file is encrypted or compressed in a way this program does not write</source>
        <translation>文件中的 {name} 经过加密，或采用了本程序不使用的压缩方式</translation>
    </message>
    <message>
        <source>the file is not a {format} (unknown manifest format)</source>
        <translation>该文件不是 {format}（清单格式无法识别）</translation>
    </message>
    <message>
        <source>format version {get!r} is newer than this program understands (it reads version {version}); update qz-evaluator</source>
        <translation>格式版本 {get!r} 比本程序能读取的更新（本程序读取版本 {version}）；请更新 qz-evaluator</translation>
    </message>
    <message>
        <source>the file holds {name}, which its signed manifest does not list</source>
        <translation>文件中包含 {name}，但已签名的清单中没有列出</translation>
    </message>
    <message>
        <source>the file comes from another committee: its root certificate is not this workspace&apos;s</source>
        <translation>该文件来自另一个评审委员会：其根证书不是本工作区的根证书</translation>
    </message>
    <message>
        <source>the file was not signed by the secretariat</source>
        <translation>该文件不是由秘书处签名的</translation>
    </message>
    <message>
        <source>the file&apos;s manifest does not list the expected members</source>
        <translation>文件清单没有列出应有的成员文件</translation>
    </message>
    <message>
        <source>the file&apos;s certificates are damaged: {error}</source>
        <translation>文件中的证书已损坏：{error}</translation>
    </message>
    <message>
        <source>the file&apos;s signature is not valid: {error}</source>
        <translation>文件签名无效：{error}</translation>
    </message>
    <message>
        <source>{name} was changed after the file was signed</source>
        <translation>文件签名后 {name} 被改动过</translation>
    </message>
    <message>
        <source>column(s) {columns} appear twice</source>
        <translation>列 {columns} 重复出现</translation>
    </message>
    <message>
        <source>{count} fields but the header has {columns}</source>
        <translation>该行有 {count} 个字段，但表头只有 {columns} 列</translation>
    </message>
    <message>
        <source>cannot read the file ({problem})</source>
        <translation>无法读取文件（{problem}）</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>unreadable CSV header ({problem})</source>
        <translation>无法读取 CSV 表头（{problem}）</translation>
    </message>
    <message>
        <source>malformed CSV ({problem})</source>
        <translation>CSV 格式错误（{problem}）</translation>
    </message>
    <message>
        <source>the file is not an Excel workbook (.xlsx)</source>
        <translation>文件不是 Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <source>this is not the secretariat&apos;s demo workspace</source>
        <translation>这不是秘书处的演示工作区</translation>
    </message>
    <message>
        <source>the secretariat demo has no signing certificate</source>
        <translation>秘书处演示工作区没有签名证书</translation>
    </message>
    <message>
        <source>this is not the demo workspace</source>
        <translation>这不是演示工作区</translation>
    </message>
    <message>
        <source>the secretariat demo&apos;s signing key {path} cannot be read: {reason}</source>
        <translation>无法读取秘书处演示的签名密钥 {path}：{reason}</translation>
    </message>
    <message>
        <source>{where}: {reason}</source>
        <translation>{where}：{reason}</translation>
    </message>
    <message>
        <source>{path}, line {line}</source>
        <translation>{path} 第 {line} 行</translation>
    </message>
    <message>
        <source>give your evaluator code (as on the roster, e.g. P01 or M12)</source>
        <translation>请填写您的评审员编号（与名册一致，例如 P01 或 M12）</translation>
    </message>
    <message>
        <source>this file is not a backup of the committee&apos;s keys</source>
        <translation>此文件不是评审委员会密钥的备份</translation>
    </message>
    <message>
        <source>the backup is damaged: its certificates do not belong together</source>
        <translation>备份已损坏：其中的证书不相匹配</translation>
    </message>
    <message>
        <source>the key backup&apos;s revision record cannot be read; nothing was restored</source>
        <translation>密钥备份中的版本记录无法读取；未恢复任何内容</translation>
    </message>
    <message>
        <source>only the demo workspace has a demo identity</source>
        <translation>只有演示工作区才有演示身份</translation>
    </message>
    <message>
        <source>the demo workspace signs with a demo identity made for this session only; keys are created, backed up and restored in your own evaluator workspace</source>
        <translation>演示工作区使用仅在本次会话中有效的演示身份签名；密钥的创建、备份和恢复请在您自己的评审员工作区中进行</translation>
    </message>
    <message>
        <source>{action} is done in a {value} workspace; this one is {value_2}</source>
        <translation>{action} 需在 {value} 工作区中进行；当前工作区是 {value_2}</translation>
    </message>
    <message>
        <source>this workspace has no committee root certificate yet: the secretariat creates it, evaluators receive it when they install their certificate</source>
        <translation>本工作区还没有评审委员会根证书：由秘书处创建，评审员在安装本人证书时一并获得</translation>
    </message>
    <message>
        <source>Install the certificate the secretariat issued to you: Identity ▸ Install Certificate.</source>
        <translation>请安装秘书处签发给您的证书：身份 ▸ 安装证书。</translation>
    </message>
    <message>
        <source>this workspace already has a committee root; it is not replaced</source>
        <translation>本工作区已有评审委员会根证书，不会替换</translation>
    </message>
    <message>
        <source>the certificate request does not name an evaluator code</source>
        <translation>证书申请中没有评审员编号</translation>
    </message>
    <message>
        <source>the request is for evaluator {code}, who is not in the roster</source>
        <translation>该申请属于评审员 {code}，但其不在名册中</translation>
    </message>
    <message>
        <source>this request is for the key of {code}&apos;s revoked certificate: the evaluator creates a new signing identity and sends its request</source>
        <translation>此申请使用的是 {code} 已吊销证书的密钥：请评审员创建新的签名身份并提交其申请</translation>
    </message>
    <message>
        <source>the certificate request is damaged: its signature does not match its content</source>
        <translation>证书申请已损坏：其签名与内容不符</translation>
    </message>
    <message>
        <source>no certificate request from {code} has been received</source>
        <translation>尚未收到 {code} 的证书申请</translation>
    </message>
    <message>
        <source>give the reason for revoking the certificate, e.g. a lost laptop</source>
        <translation>请填写吊销证书的原因，例如笔记本电脑丢失</translation>
    </message>
    <message>
        <source>no certificate has been issued to {code}</source>
        <translation>尚未向 {code} 签发证书</translation>
    </message>
    <message>
        <source>{code}&apos;s certificate is already revoked</source>
        <translation>{code} 的证书已被吊销</translation>
    </message>
    <message>
        <source>the revocation time needs a time zone</source>
        <translation>吊销时间需注明时区</translation>
    </message>
    <message>
        <source>a certificate is revoked from now or from a time already past</source>
        <translation>证书只能自现在或过去的某一时间起吊销</translation>
    </message>
    <message>
        <source>this backup belongs to the demo, not to a committee</source>
        <translation>此备份属于演示，不属于评审委员会</translation>
    </message>
    <message>
        <source>the backup holds a different committee root than the one this workspace already has</source>
        <translation>备份中的评审委员会根证书与本工作区已有的根证书不同</translation>
    </message>
    <message>
        <source>this evaluator workspace has no owner code</source>
        <translation>本评审员工作区没有记录所属评审员编号</translation>
    </message>
    <message>
        <source>a signing key for {code} is already in this computer&apos;s keychain; restore your key backup rather than creating a second identity</source>
        <translation>本机钥匙串中已有 {code} 的签名密钥；请恢复您的密钥备份，而不要再创建第二个身份</translation>
    </message>
    <message>
        <source>Identity ▸ Restore Key Backup…</source>
        <translation>身份 ▸ 恢复密钥备份…</translation>
    </message>
    <message>
        <source>the evaluator&apos;s name is needed: {code} is not in this workspace&apos;s roster yet</source>
        <translation>需要评审员姓名：{code} 尚不在本工作区的名册中</translation>
    </message>
    <message>
        <source>Import your assignment package first (File ▸ Import Assignment Package), which brings your name with it.</source>
        <translation>请先导入评审任务包（文件 ▸ 导入评审任务包），任务包中带有您的姓名。</translation>
    </message>
    <message>
        <source>the certificate file must hold your certificate and the committee root certificate</source>
        <translation>证书文件必须同时包含您的证书和评审委员会根证书</translation>
    </message>
    <message>
        <source>this certificate is for {evaluator_code}, not for {code}</source>
        <translation>该证书属于 {evaluator_code}，不属于 {code}</translation>
    </message>
    <message>
        <source>this certificate belongs to the demo, not to a committee</source>
        <translation>此证书属于演示，不属于评审委员会</translation>
    </message>
    <message>
        <source>the certificate was not issued by the enclosed committee root</source>
        <translation>该证书不是由随附的评审委员会根证书签发的</translation>
    </message>
    <message>
        <source>the certificate comes from a different committee root than the one this workspace already trusts</source>
        <translation>该证书来自另一个评审委员会根证书，与本工作区已信任的不同</translation>
    </message>
    <message>
        <source>this certificate does not match the signing key in your keychain</source>
        <translation>该证书与您钥匙串中的签名密钥不匹配</translation>
    </message>
    <message>
        <source>no evaluator certificate installed yet: create your signing identity and install the certificate the secretariat issues</source>
        <translation>尚未安装评审员证书：请先创建签名身份，再安装秘书处签发的证书</translation>
    </message>
    <message>
        <source>the secretariat has no evaluator identity: its keys are backed up and restored as the committee&apos;s keys</source>
        <translation>秘书处没有评审员签名身份：其密钥作为评审委员会密钥备份和恢复</translation>
    </message>
    <message>
        <source>Roster and Keys ▸ Back Up Committee Keys… / Restore Committee Keys…</source>
        <translation>评审员与密钥 ▸ 备份评审委员会密钥… / 恢复评审委员会密钥…</translation>
    </message>
    <message>
        <source>this workspace already signs with another key for {code}, which the backup would replace; restore the backup into a new workspace instead</source>
        <translation>本工作区已在用 {code} 的另一把密钥签名，恢复该备份会将其替换；请改为在新的工作区中恢复该备份</translation>
    </message>
    <message>
        <source>Create a new evaluator workspace and restore the backup there.</source>
        <translation>请新建一个评审员工作区，在其中恢复该备份。</translation>
    </message>
    <message>
        <source>not a PEM certificate file</source>
        <translation>不是 PEM 证书文件</translation>
    </message>
    <message>
        <source>the secretariat demo&apos;s signing key is used only while the demo is open in the window (File ▸ Open the Secretariat Demo)</source>
        <translation>秘书处演示的签名密钥只在窗口中打开演示时使用（文件 ▸ 打开秘书处演示）</translation>
    </message>
    <message>
        <source>Roster and Keys ▸ Restore Committee Keys… from the backup.</source>
        <translation>评审员与密钥 ▸ 恢复评审委员会密钥…（从备份文件恢复）。</translation>
    </message>
    <message>
        <source>the demo&apos;s signing identity exists only while the demo is open in the window (File ▸ Open Demo Workspace); demo scorecards are signed nowhere else</source>
        <translation>演示签名身份只在窗口中打开演示工作区时存在（文件 ▸ 打开演示工作区）；演示评分表不能在其他地方签名</translation>
    </message>
    <message>
        <source>the key backup was made by a newer version of qz-evaluator; update it before restoring</source>
        <translation>该密钥备份由更新版本的 qz-evaluator 生成；请先升级程序再恢复</translation>
    </message>
    <message>
        <source>{path}: cannot write the key backup ({strerror})</source>
        <translation>{path}：无法写入密钥备份（{strerror}）</translation>
    </message>
    <message>
        <source>{parent}: the disk is full; the key backup was not written. Free some space and back up again</source>
        <translation>{parent}：磁盘已满，密钥备份未写入。请腾出空间后重新备份</translation>
    </message>
    <message>
        <source>{action} failed, nothing was written: {why}</source>
        <translation>{action}失败，未写入任何内容：{why}</translation>
    </message>
    <message>
        <source>credit code {code} already appears on line {line}</source>
        <translation>统一社会信用代码 {code} 已在第 {line} 行出现</translation>
    </message>
    <message>
        <source>evaluator code {code} already appears on line {line}</source>
        <translation>评审员代码 {code} 已在第 {line} 行出现</translation>
    </message>
    <message>
        <source>role {role!r} is not leader, member or conflict</source>
        <translation>角色 {role!r} 不是 leader（组长）、member（成员）或 conflict（回避）</translation>
    </message>
    <message>
        <source>no candidate with credit code {code!r}; import the candidates first</source>
        <translation>没有统一社会信用代码为 {code!r} 的参评单位；请先导入参评单位</translation>
    </message>
    <message>
        <source>evaluator {code!r} is not in the roster</source>
        <translation>评审员 {code!r} 不在评审员名单中</translation>
    </message>
    <message>
        <source>round {code!r} does not exist; add the round first</source>
        <translation>轮次 {code!r} 不存在；请先添加该轮次</translation>
    </message>
    <message>
        <source>evaluator {code} is already on this panel (line {line})</source>
        <translation>评审员 {code} 已在该评审组中（第 {line} 行）</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <source>the workspace</source>
        <translation>工作区中已记录</translation>
    </message>
    <message>
        <source>evaluator {code} has a recorded conflict of interest with {candidate} ({source}) and cannot be on its panel</source>
        <translation>评审员 {code} 与 {candidate} 存在已记录的回避关系（{source}），不能进入其评审组</translation>
    </message>
    <message>
        <source>scorecards are merged in the secretariat&apos;s workspace</source>
        <translation>评分表在秘书处的工作区中合并</translation>
    </message>
    <message>
        <source>{path}: refused: this package comes from another secretariat workspace and was issued at {issued_at}, before the one already imported for round {round_code} (issued at {installed_at}); ask the secretariat to export a new package</source>
        <translation>{path}：已拒绝：该任务包来自另一个秘书处工作区，签发于 {issued_at}，早于轮次 {round_code} 已导入的任务包（签发于 {installed_at}）；请秘书处重新导出任务包</translation>
    </message>
    <message>
        <source>assignment packages are issued from the secretariat&apos;s workspace</source>
        <translation>评审任务包由秘书处的工作区发出</translation>
    </message>
    <message>
        <source>an assignment package is imported into an evaluator&apos;s workspace</source>
        <translation>评审任务包应导入评审员的工作区</translation>
    </message>
    <message>
        <source>{path}: refused: this package is for evaluator {code}, not for {owner}</source>
        <translation>{path}：已拒绝：该任务包属于评审员 {code}，不属于 {owner}</translation>
    </message>
    <message>
        <source>{path}: refused: its criteria set {id} differs from this program&apos;s copy; update qz-evaluator</source>
        <translation>{path}：已拒绝：其评价准则 {id} 与本程序所带的不同；请更新 qz-evaluator</translation>
    </message>
    <message>
        <source>{path}: refused: this package was issued at {issued_at}, before the one already imported for round {round_code} (issued at {installed_at}); import the newest package the secretariat sent</source>
        <translation>{path}：已拒绝：该任务包签发于 {issued_at}，早于轮次 {round_code} 已导入的任务包（签发于 {installed_at}）；请导入秘书处发来的最新任务包</translation>
    </message>
    <message>
        <source>evaluator {code} has no candidates in round {round_code}</source>
        <translation>评审员 {code} 在轮次 {round_code} 中没有参评单位</translation>
    </message>
    <message>
        <source>{path}: cannot read the package ({strerror})</source>
        <translation>{path}：无法读取任务包（{strerror}）</translation>
    </message>
    <message>
        <source>{path}: refused: {error}</source>
        <translation>{path}：已拒绝：{error}</translation>
    </message>
    <message>
        <source>{path}: refused: criteria set {id} is unknown to this program; update qz-evaluator</source>
        <translation>{path}：已拒绝：本程序不认识评价准则 {id}；请更新 qz-evaluator</translation>
    </message>
    <message>
        <source>{path}: refused: </source>
        <translation>{path}：已拒绝：</translation>
    </message>
    <message>
        <source>a panel needs at least one evaluator</source>
        <translation>评审组至少需要一名评审员</translation>
    </message>
    <message>
        <source>panels are set in the secretariat&apos;s workspace; evaluators receive theirs in their assignment package</source>
        <translation>评审组在秘书处工作区中设置；评审员通过评审任务包收到自己的评审组</translation>
    </message>
    <message>
        <source>evaluator {evaluator} stays on the panel of {candidate} in round {round}: their signed scorecard for it has been accepted and counts in the results</source>
        <translation>评审员 {evaluator} 须留在轮次 {round} 中 {candidate} 的评审组：其签名评分表已被接收并计入结果</translation>
    </message>
    <message>
        <source>the workspace&apos;s panel minimum {text!r} is not a number</source>
        <translation>工作区的评审组最少人数 {text!r} 不是数字</translation>
    </message>
    <message>
        <source>{path}: the passphrase file is not text in UTF-8, UTF-16 or GB18030 (ANSI); nothing was done</source>
        <translation>{path}：口令文件不是 UTF-8、UTF-16 或 GB18030（ANSI）编码的文本；未做任何操作</translation>
    </message>
    <message>
        <source>In Notepad: File ▸ Save As…, Encoding UTF-8, then choose the file again.</source>
        <translation>在记事本中：文件 ▸ 另存为…，编码选 UTF-8，然后重新选择该文件。</translation>
    </message>
    <message>
        <source>{path}: cannot read the passphrase file ({reason})</source>
        <translation>{path}：无法读取口令文件（{reason}）</translation>
    </message>
    <message>
        <source>receipts are issued from the secretariat&apos;s workspace</source>
        <translation>回执须在秘书处工作区中签发</translation>
    </message>
    <message>
        <source>a receipt is imported into an evaluator&apos;s workspace</source>
        <translation>回执须导入评审员工作区</translation>
    </message>
    <message>
        <source>{path}: refused: this receipt is for evaluator {code}, not for {owner}</source>
        <translation>{path}：已拒绝：这份回执属于评审员 {code}，不属于 {owner}</translation>
    </message>
    <message>
        <source>{path}: refused: the receipt is for round {round_code}, which this workspace does not have</source>
        <translation>{path}：已拒绝：回执针对轮次 {round_code}，而本工作区没有该轮次</translation>
    </message>
    <message>
        <source>Import the round&apos;s assignment package first: File ▸ Import Assignment Package.</source>
        <translation>请先导入该轮次的评审任务包：文件 ▸ 导入评审任务包。</translation>
    </message>
    <message>
        <source>{path}: refused: the receipt comes from another secretariat workspace than the one that sent round {round_code}&apos;s assignment package</source>
        <translation>{path}：已拒绝：回执来自另一个秘书处工作区，而非发出轮次 {round_code} 评审任务包的那一个</translation>
    </message>
    <message>
        <source>this workspace has no rounds yet: there is nothing to receipt</source>
        <translation>本工作区还没有任何轮次：没有可签发回执的内容</translation>
    </message>
    <message>
        <source>{path}: cannot read the receipt ({strerror})</source>
        <translation>{path}：无法读取回执（{strerror}）</translation>
    </message>
    <message>
        <source>{path}: {error}</source>
        <translation>{path}：{error}</translation>
    </message>
    <message>
        <source>{path}: refused: this receipt was issued at {issued_at}, before the one already imported for round {round_code} (issued at {installed_at}); import the newest receipt the secretariat sent</source>
        <translation>{path}：已拒绝：这份回执签发于 {issued_at}，早于轮次 {round_code} 已导入的回执（签发于 {installed_at}）；请导入秘书处发来的最新回执</translation>
    </message>
    <message>
        <source>{parent}: the disk is full; the receipt {name} was not written. Free some space and issue the receipts again</source>
        <translation>{parent}：磁盘已满，回执 {name} 未写入。请腾出空间后重新签发回执</translation>
    </message>
    <message>
        <source>Matches the merged record: {candidate}, evaluator {evaluator}, round {round}, revision {revision}.</source>
        <translation>与合并记录一致：{candidate}，评审员 {evaluator}，评审轮次 {round}，第{revision}版。</translation>
    </message>
    <message>
        <source>An older revision: this page is r{page_revision}; the record of {candidate}, evaluator {evaluator}, is now r{record_revision}.</source>
        <translation>旧版本：此页为第{page_revision}版；{candidate}（评审员 {evaluator}）的合并记录现为第{record_revision}版。</translation>
    </message>
    <message>
        <source>An older revision: this page is r{page_revision}; the record of {candidate}, evaluator {evaluator}, is now r{record_revision}. Revision {page_revision} was never merged here, so what changed is not known.</source>
        <translation>旧版本：此页为第{page_revision}版；{candidate}（评审员 {evaluator}）的合并记录现为第{record_revision}版。本工作区从未合并第{page_revision}版，无法得知改动内容。</translation>
    </message>
    <message>
        <source>Not received: this page is r{page_revision} of {candidate}, evaluator {evaluator}, but the merged record is r{record_revision}; ask the evaluator for the signed file of r{page_revision}.</source>
        <translation>未收到：此页为{candidate}（评审员 {evaluator}）的第{page_revision}版，但合并记录为第{record_revision}版；请向评审员索取第{page_revision}版的签名文件。</translation>
    </message>
    <message>
        <source>Not received: this page is r{page_revision} of {candidate}, evaluator {evaluator}, with other scores than any file merged here; the record is r{record_revision}.</source>
        <translation>未收到：此页为{candidate}（评审员 {evaluator}）的第{page_revision}版，其评分与本工作区合并的所有文件都不同；合并记录为第{record_revision}版。</translation>
    </message>
    <message>
        <source>A rival file: this page is r{page_revision} of {candidate}, evaluator {evaluator}, merged as a revision conflict; the record that counts is r{record_revision}.</source>
        <translation>版本冲突文件：此页为{candidate}（评审员 {evaluator}）的第{page_revision}版，合并时判为修订版本冲突；计入结果的合并记录为第{record_revision}版。</translation>
    </message>
    <message>
        <source>Unknown to this workspace: no merged scorecard has the code {code}. The scorecard may not be merged yet, or the page is from another committee.</source>
        <translation>本工作区中没有此评分表：没有任何已合并的评分表对应核验码 {code}。可能该评分表尚未合并，或此页来自其他评审委员会。</translation>
    </message>
    <message>
        <source>a printed scorecard is checked against the merged records of the secretariat&apos;s workspace; {path} is an evaluator&apos;s</source>
        <translation>纸质评分表须在秘书处工作区中对照合并记录核验；{path} 是评审员的工作区</translation>
    </message>
    <message>
        <source>Open the secretariat&apos;s workspace (File ▸ Open Workspace).</source>
        <translation>请打开秘书处的工作区（文件 ▸ 打开工作区）。</translation>
    </message>
    <message>
        <source>{path}: the QR codes in the image are not scorecard paper codes</source>
        <translation>{path}：图片中的二维码不是评分表的核验码</translation>
    </message>
    <message>
        <source>Photograph the QR code at the foot of a scorecard page, or type the code printed under it.</source>
        <translation>请拍摄评分表页脚的二维码，或输入二维码下方印的核验码。</translation>
    </message>
    <message>
        <source>{path}: no QR code found in the image</source>
        <translation>{path}：图片中未找到二维码</translation>
    </message>
    <message>
        <source>Take a sharper photo of the QR code at the foot of the page, or type the code printed under it.</source>
        <translation>请把页脚的二维码拍得更清晰些，或输入二维码下方印的核验码。</translation>
    </message>
    <message>
        <source>reading codes from images needs the zxing-cpp package, which is not installed; the code printed under the QR code can still be typed</source>
        <translation>从图片识别核验码需要 zxing-cpp 组件，但未安装；仍可手动输入二维码下方印的核验码</translation>
    </message>
    <message>
        <source>Type the code printed under the QR code into the field.</source>
        <translation>请在输入框中输入二维码下方印的核验码。</translation>
    </message>
    <message>
        <source>{path}: the image cannot be read ({error})</source>
        <translation>{path}：无法读取图片（{error}）</translation>
    </message>
    <message>
        <source>Choose a PNG or JPEG photo or scan of the page, or type the code.</source>
        <translation>请选择该页的 PNG 或 JPEG 照片或扫描件，或手动输入核验码。</translation>
    </message>
    <message>
        <source>no result of this round is final yet, so a signed results report would hold only provisional figures</source>
        <translation>本轮尚无已确认的结果，签名的评审结果报告将只有暂定分数</translation>
    </message>
    <message>
        <source>Agree the divergent items of each candidate in the Consensus tab; its result becomes final. Then write the report again.</source>
        <translation>请在「合议」页就每家参评单位的分歧条款达成一致，其结果即被确认；然后重新生成报告。</translation>
    </message>
    <message>
        <source>the secretariat&apos;s signing key is not in this computer&apos;s keychain</source>
        <translation>本机钥匙串中没有秘书处的签名密钥</translation>
    </message>
    <message>
        <source>the divergence threshold is between 1 and 100 points of percentage</source>
        <translation>分歧阈值应在 1 到 100 个百分点之间</translation>
    </message>
    <message>
        <source>results are kept in the secretariat&apos;s workspace</source>
        <translation>评审结果保存在秘书处的工作区中</translation>
    </message>
    <message>
        <source>the result of {name} cannot be final: {reasons}</source>
        <translation>{name}的结果不能定稿：{reasons}</translation>
    </message>
    <message>
        <source>{name} has no valid scorecards yet</source>
        <translation>{name} 还没有有效评分表</translation>
    </message>
    <message>
        <source>the result of {name} is not final yet</source>
        <translation>{name} 的结果尚未定稿</translation>
    </message>
    <message>
        <source>Agree every divergent item in the Consensus tab; the result becomes final, then accept the recommendation.</source>
        <translation>请在「合议」页就每个分歧条款达成一致，结果确认后再采纳建议。</translation>
    </message>
    <message>
        <source>{name} is already in the recommended tier</source>
        <translation>{name} 已在推荐梯队中</translation>
    </message>
    <message>
        <source>no result for candidate {credit_code}</source>
        <translation>没有单位 {credit_code} 的结果</translation>
    </message>
    <message>
        <source>{first}; {then}</source>
        <translation>{first}；{then}</translation>
    </message>
    <message>
        <source>no valid scorecards</source>
        <translation>没有有效的评分表</translation>
    </message>
    <message>
        <source>divergent items without a consensus note: {items}</source>
        <translation>分歧条款尚无合议记录：{items}</translation>
    </message>
    <message>
        <source>no scorecard yet from panel members {evaluators}</source>
        <translation>尚未收到评审组成员 {evaluators} 的评分表</translation>
    </message>
    <message>
        <source>rival files with the same revision from {evaluators} await a higher revision</source>
        <translation>{evaluators} 的同一修订版本有两份不同的文件，需等待更高版本</translation>
    </message>
    <message>
        <source>{path}: export results as .csv or .xlsx</source>
        <translation>{path}：结果只能导出为 .csv 或 .xlsx</translation>
    </message>
    <message>
        <source>the sheet has no rows of scores</source>
        <translation>评分表中没有评分行</translation>
    </message>
    <message>
        <source>Only the demo&apos;s own key may be kept outside the keychain.</source>
        <translation>只有演示自身的密钥可以保存在系统钥匙串之外。</translation>
    </message>
    <message>
        <source>The demo&apos;s key file does not belong to the demo&apos;s certificate.</source>
        <translation>演示的密钥文件与演示的证书不匹配。</translation>
    </message>
    <message>
        <source>The demo&apos;s key file is not readable.</source>
        <translation>无法读取演示的密钥文件。</translation>
    </message>
    <message>
        <source>The backup file is damaged: its program data cannot be read.</source>
        <translation>备份文件已损坏：其中的程序数据无法读取。</translation>
    </message>
    <message>
        <source>the encrypted file is damaged or not one this program writes ({why})</source>
        <translation>加密文件已损坏，或不是本程序写出的格式（{why}）</translation>
    </message>
    <message>
        <source>The recipient&apos;s certificate does not hold an elliptic-curve key.</source>
        <translation>接收方的证书不含椭圆曲线密钥。</translation>
    </message>
    <message>
        <source>the file is encrypted for another recipient ({recipients}), not for this committee&apos;s secretariat</source>
        <translation>该文件是加密给其他接收方（{recipients}）的，而不是本评审委员会的秘书处</translation>
    </message>
    <message>
        <source>The configured keyring backend ({backend}) is not an OS keychain; keys are kept only in Secret Service (GNOME Keyring), KWallet, the macOS Keychain or the Windows Credential Manager.</source>
        <translation>所配置的 keyring 后端（{backend}）不是系统钥匙串；密钥只保存在 Secret Service（GNOME 密钥环）、KWallet、macOS 钥匙串或 Windows 凭据管理器中。</translation>
    </message>
    <message>
        <source>The configured keyring backend ({backend}) cannot be used ({exc}).</source>
        <translation>所配置的 keyring 后端（{backend}）无法使用（{exc}）。</translation>
    </message>
    <message>
        <source>this workspace has no round yet, so there are no results to report</source>
        <translation>本工作区尚无评审轮次，没有可报告的结果</translation>
    </message>
    <message>
        <source>Import the round&apos;s panels first; its results follow the merge.</source>
        <translation>请先导入本轮评审组；合并评分表后即有结果。</translation>
    </message>
    <message>
        <source>{why}</source>
        <translation>{why}</translation>
    </message>
    <message>
        <source>the credit code is empty</source>
        <translation>统一社会信用代码为空</translation>
    </message>
    <message>
        <source>no candidate with credit code {candidate} here</source>
        <translation>本工作区没有统一社会信用代码为 {candidate} 的参评单位</translation>
    </message>
    <message>
        <source>the scorecard for {candidate} is {status}; only a draft takes scores (reopen it first)</source>
        <translation>{candidate} 的评分表状态为“{status}”，只有评分中的评分表可以导入评分（请先用 评分表 ▸ 重新打开以更正… 重新打开）</translation>
    </message>
    <message>
        <source>item {item} of {candidate} is already on line {row}</source>
        <translation>{candidate} 的条款 {item} 已在第 {row} 行给出</translation>
    </message>
    <message>
        <source>no percentage for item {item}</source>
        <translation>条款 {item} 没有得分百分比</translation>
    </message>
    <message>
        <source>“{item}” is not an item of {criteria}</source>
        <translation>“{item}”不是评价准则 {criteria} 的条款</translation>
    </message>
    <message>
        <source>the scorecard for {candidate} was finalised without affirming the no-conflict declaration: reopen it (Scorecard ▸ Reopen) and finalise it again</source>
        <translation>{candidate} 的评分表定稿时未确认无利害关系声明：请重新打开（评分表 ▸ 重新打开以更正…）后再次定稿</translation>
    </message>
    <message>
        <source>{path}: cannot write the file ({strerror})</source>
        <translation>{path}：无法写入文件（{strerror}）</translation>
    </message>
    <message>
        <source>{parent}: the disk is full; the scorecard was not written. Free some space and export again</source>
        <translation>{parent}：磁盘已满，评分表未写入。请腾出空间后重新导出</translation>
    </message>
    <message>
        <source>item {item} of this scorecard was changed in another window or program; the stored value is shown now. Make your change again if it is still needed.</source>
        <translation>本评分表的条款 {item} 已在另一个窗口或程序中被修改；现在显示的是已保存的值。如仍需修改，请重新操作。</translation>
    </message>
    <message>
        <source>no merged scorecard of evaluator {evaluator_code} for candidate {credit_code} in round {round_code}</source>
        <translation>评审轮次 {round_code} 中尚未合并评审员 {evaluator_code} 对参评单位 {credit_code} 的评分表</translation>
    </message>
    <message>
        <source>this is the secretariat&apos;s workspace: scorecards are scored in each evaluator&apos;s own workspace and merged here as signed files</source>
        <translation>这是秘书处的工作区：评分表由各评审员在自己的工作区中评分，签名后再合并到这里</translation>
    </message>
    <message>
        <source>say which evaluator&apos;s scorecard: this workspace has no owner</source>
        <translation>请指明是哪位评审员的评分表：本工作区没有所属评审员</translation>
    </message>
    <message>
        <source>cannot finalise: {count} scored items have neither a strength nor an opportunity for improvement ({items}); this round requires one for each</source>
        <translation>无法定稿：有 {count} 个已评分条款既没有强项也没有改进机会（{items}）；本轮次要求每个已评分条款至少填写一项</translation>
    </message>
    <message>
        <source>cannot finalise: affirm the no-conflict declaration first</source>
        <translation>无法定稿：请先勾选确认无利害关系声明</translation>
    </message>
    <message>
        <source>only a final scorecard can be reopened</source>
        <translation>只有已定稿的评分表才能重新打开</translation>
    </message>
    <message>
        <source>a conflict declaration needs a reason</source>
        <translation>声明回避需要说明理由</translation>
    </message>
    <message>
        <source>{path}: the workspace is in use by another program; close it and try again</source>
        <translation>{path}：工作区正被另一个程序使用；请关闭该程序后重试</translation>
    </message>
    <message>
        <source>{path}: not a qz-evaluator workspace or the file is damaged</source>
        <translation>{path}：不是 qz-evaluator 工作区，或文件已损坏</translation>
    </message>
    <message>
        <source>{path}: the disk is full; nothing was changed. Free some space and retry</source>
        <translation>{path}：磁盘已满，未做任何修改。请腾出空间后重试</translation>
    </message>
    <message>
        <source>{path}: the workspace file is read-only</source>
        <translation>{path}：工作区文件为只读</translation>
    </message>
    <message>
        <source>{path}: the workspace file cannot be opened; check that its folder exists and may be written</source>
        <translation>{path}：无法打开工作区文件；请检查其所在文件夹是否存在且可写入</translation>
    </message>
    <message>
        <source>{path}: database error: {error}</source>
        <translation>{path}：数据库错误：{error}</translation>
    </message>
    <message>
        <source>{path}: no row id after inserting into {table}</source>
        <translation>{path}：写入 {table} 后没有得到行号</translation>
    </message>
    <message>
        <source>no candidate with credit code {credit_code} in this workspace</source>
        <translation>本工作区中没有统一社会信用代码为 {credit_code} 的单位</translation>
    </message>
    <message>
        <source>{credit_code}: a tier history needs at least one entry</source>
        <translation>{credit_code}：梯队记录至少需要一条</translation>
    </message>
    <message>
        <source>no evaluator with code {code} in the roster</source>
        <translation>名册中没有编号为 {code} 的评审员</translation>
    </message>
    <message>
        <source>this workspace has no secretariat signing key, which signs packages and reports</source>
        <translation>本工作区还没有秘书处签名密钥，任务包和报告需要用它签名</translation>
    </message>
    <message>
        <source>Roster and Keys ▸ Create Committee Root… for a new committee, or Restore Committee Keys… from the backup on a new laptop.</source>
        <translation>新的评审委员会：评审员与密钥 ▸ 创建评审委员会根证书…；换用新电脑：评审员与密钥 ▸ 恢复评审委员会密钥…（从备份文件恢复）。</translation>
    </message>
    <message>
        <source>{parent}: the disk is full; the package {name} was not written. Free some space and export again</source>
        <translation>{parent}：磁盘已满，任务包 {name} 未写入。请释放空间后重新导出</translation>
    </message>
    <message>
        <source>the scorecard for {credit_code} has not been exported yet</source>
        <translation>{credit_code} 的评分表尚未导出</translation>
    </message>
    <message>
        <source>{path}: cannot write the workspace&apos;s backup there ({reason}); nothing was written</source>
        <translation>{path}：无法在此写入工作区备份（{reason}）；未写入任何内容</translation>
    </message>
    <message>
        <source>Choose a folder you can write to, on a disk with room.</source>
        <translation>请选择一个可写入且磁盘空间充足的文件夹。</translation>
    </message>
    <message>
        <source>{path} is the workspace itself; choose another file for its backup</source>
        <translation>{path} 就是工作区本身；请为备份另选一个文件</translation>
    </message>
    <message>
        <source>Choose another file name, outside the workspace&apos;s own.</source>
        <translation>请另选一个文件名，不要使用工作区自身的文件。</translation>
    </message>
    <message>
        <source>{path}: a file already exists there; nothing was written</source>
        <translation>{path}：该位置已有文件；未写入任何内容</translation>
    </message>
    <message>
        <source>Choose another name, or confirm that the file is to be replaced.</source>
        <translation>请另选文件名，或确认替换该文件。</translation>
    </message>
    <message>
        <source>{path} is a folder; give the backup a file name</source>
        <translation>{path} 是文件夹；请为备份指定文件名</translation>
    </message>
    <message>
        <source>Give the backup a file name in that folder.</source>
        <translation>请在该文件夹中为备份指定文件名。</translation>
    </message>
    <message>
        <source>{path}: the copy did not pass SQLite&apos;s check ({result}); nothing was written</source>
        <translation>{path}：副本未通过 SQLite 检查（{result}）；未写入任何内容</translation>
    </message>
    <message>
        <source>Check the disk the backup goes to, then try again.</source>
        <translation>请检查备份所在的磁盘，然后重试。</translation>
    </message>
    <message>
        <source>column {column}, {what}: {problem}</source>
        <translation>列 {column}，{what}：{problem}</translation>
    </message>
    <message>
        <source>the reason for reopening</source>
        <translation>重新打开的理由</translation>
    </message>
    <message>
        <source>no round {code!r} in this workspace</source>
        <translation>本工作区中没有轮次 {code!r}</translation>
    </message>
    <message>
        <source>no scorecard of evaluator {evaluator_code} for candidate {credit_code} in round {round_code}</source>
        <translation>轮次 {round_code} 中没有评审员 {evaluator_code} 对单位 {credit_code} 的评分表</translation>
    </message>
    <message>
        <source>no scorecard with id {scorecard_id}</source>
        <translation>没有编号为 {scorecard_id} 的评分表</translation>
    </message>
    <message>
        <source>no merged scorecard #{submission_id}</source>
        <translation>没有已合并的评分表 #{submission_id}</translation>
    </message>
    <message>
        <source>no submission with id {submission_id}</source>
        <translation>没有编号为 {submission_id} 的提交</translation>
    </message>
    <message>
        <source>{path}: a file already exists there; choose another name</source>
        <translation>{path}：该位置已有文件；请换一个文件名</translation>
    </message>
    <message>
        <source>an evaluator workspace needs the evaluator&apos;s code</source>
        <translation>评审员工作区需要评审员编号</translation>
    </message>
    <message>
        <source>{path}: no such workspace file</source>
        <translation>{path}：找不到该工作区文件</translation>
    </message>
    <message>
        <source>{path}: this SQLite file is not a qz-evaluator workspace</source>
        <translation>{path}：该 SQLite 文件不是 qz-evaluator 工作区</translation>
    </message>
    <message>
        <source>{path}: empty file, not a qz-evaluator workspace</source>
        <translation>{path}：空文件，不是 qz-evaluator 工作区</translation>
    </message>
    <message>
        <source>{path}: written by a newer version of qz-evaluator (schema {user_version}, this program knows {SCHEMA_VERSION}); update the program. The file was not changed.</source>
        <translation>{path}：由更新版本的 qz-evaluator 写入（结构版本 {user_version}，本程序只认识到 {SCHEMA_VERSION}）；请更新程序。文件未被改动。</translation>
    </message>
    <message>
        <source>{path}: has migrations this program does not know ({join}); update the program. The file was not changed.</source>
        <translation>{path}：含有本程序不认识的结构升级（{join}）；请更新程序。文件未被改动。</translation>
    </message>
    <message>
        <source>{path}: this workspace must be updated to this version of the program, but its folder cannot be written; copy it to a folder you can write to</source>
        <translation>{path}：此工作区需要升级到本版本程序才能使用，但其所在文件夹不可写入；请将其复制到可写入的文件夹后再打开</translation>
    </message>
    <message>
        <source>{target}: a file already exists there</source>
        <translation>{target}：该位置已有文件</translation>
    </message>
    <message>
        <source>{path}: workspace has no role recorded</source>
        <translation>{path}：工作区没有记录角色</translation>
    </message>
    <message>
        <source>The {label} must be 1 to {MAX_NAME_LENGTH} characters long.</source>
        <translation>{label} 的长度必须在 1 到 {MAX_NAME_LENGTH} 个字符之间。</translation>
    </message>
    <message>
        <source>The {label} contains control characters.</source>
        <translation>{label} 含有控制字符。</translation>
    </message>
    <message>
        <source>The {what} does not use an ECDSA P-256 key.</source>
        <translation>{what} 使用的不是 ECDSA P-256 密钥。</translation>
    </message>
    <message>
        <source>A committee root must be valid for at least one year.</source>
        <translation>评审委员会根证书的有效期至少为一年。</translation>
    </message>
    <message>
        <source>{SECRETARIAT_CODE!r} is reserved for the secretariat.</source>
        <translation>{SECRETARIAT_CODE!r} 保留给秘书处使用。</translation>
    </message>
    <message>
        <source>The issuing certificate is not a certificate authority.</source>
        <translation>签发证书不是证书颁发机构（CA）证书。</translation>
    </message>
    <message>
        <source>The committee key does not belong to the committee certificate.</source>
        <translation>评审委员会密钥与评审委员会证书不匹配。</translation>
    </message>
    <message>
        <source>The committee certificate is not valid at this time.</source>
        <translation>评审委员会证书当前不在有效期内。</translation>
    </message>
    <message>
        <source>The certificate request is damaged: its signature does not match its content.</source>
        <translation>证书申请已损坏：其签名与内容不符。</translation>
    </message>
    <message>
        <source>The certificate request lacks the signer&apos;s code or name.</source>
        <translation>证书申请缺少签名人的编号或姓名。</translation>
    </message>
    <message>
        <source>The certificate request is for role {csr_role!r}, expected {role!r}.</source>
        <translation>证书申请的角色为 {csr_role!r}，应为 {role!r}。</translation>
    </message>
    <message>
        <source>The certificate request is for code {code!r}, but {expected_code!r} was expected; ask the evaluator for the request made with their own code.</source>
        <translation>证书申请的编号为 {code!r}，应为 {expected_code!r}；请让该评审员提供用其本人编号生成的申请。</translation>
    </message>
    <message>
        <source>A certificate must be valid for at least one day.</source>
        <translation>证书的有效期至少为一天。</translation>
    </message>
    <message>
        <source>The certificate does not name an evaluator code.</source>
        <translation>证书中没有评审员编号。</translation>
    </message>
    <message>
        <source>The certificate has no common name.</source>
        <translation>证书没有通用名称（CN）。</translation>
    </message>
    <message>
        <source>Choose a backup passphrase of at least {MIN_PASSPHRASE_LENGTH} characters.</source>
        <translation>请设置至少 {MIN_PASSPHRASE_LENGTH} 个字符的备份口令。</translation>
    </message>
    <message>
        <source>The key does not belong to the certificate; nothing was exported.</source>
        <translation>密钥与证书不匹配；未导出任何内容。</translation>
    </message>
    <message>
        <source>The file is too large to be a key backup ({size} bytes).</source>
        <translation>该文件过大（{size} 字节），不是密钥备份。</translation>
    </message>
    <message>
        <source>The backup file asks for {rounds} rounds of its passphrase check, far more than a backup of this program; it is not read.</source>
        <translation>该备份文件要求对口令校验 {rounds} 轮，远超本程序所做的备份；不予读取。</translation>
    </message>
    <message>
        <source>The backup file does not hold a signing key and its certificate.</source>
        <translation>备份文件中没有签名密钥及其证书。</translation>
    </message>
    <message>
        <source>The backup file is damaged: its key does not match its certificate.</source>
        <translation>备份文件已损坏：其中的密钥与证书不匹配。</translation>
    </message>
    <message>
        <source>This is not a readable certificate (expected a PEM or DER X.509 file).</source>
        <translation>这不是可读取的证书（应为 PEM 或 DER 格式的 X.509 文件）。</translation>
    </message>
    <message>
        <source>This is not a readable certificate request (expected a PEM or DER PKCS#10 file).</source>
        <translation>这不是可读取的证书申请（应为 PEM 或 DER 格式的 PKCS#10 文件）。</translation>
    </message>
    <message>
        <source>Wrong passphrase or damaged backup file.</source>
        <translation>口令错误或备份文件已损坏。</translation>
    </message>
    <message>
        <source>Windows Credential Manager is built in; sign in to your own Windows account (not a restricted service account) and try again.</source>
        <translation>Windows 自带凭据管理器；请登录您本人的 Windows 账户（而不是受限的服务账户）后重试。</translation>
    </message>
    <message>
        <source>The macOS Keychain is built in; unlock your login keychain in Keychain Access and try again.</source>
        <translation>macOS 自带钥匙串；请在“钥匙串访问”中解锁登录钥匙串后重试。</translation>
    </message>
    <message>
        <source>Install and unlock a Secret Service keychain (GNOME Keyring or KWallet), for example `sudo apt install gnome-keyring`, log in to a desktop session and try again. Keys are never stored in a plain file instead.</source>
        <translation>请安装并解锁 Secret Service 钥匙串（GNOME Keyring 或 KWallet），例如 `sudo apt install gnome-keyring`，登录桌面会话后重试。密钥绝不会改存到普通文件中。</translation>
    </message>
    <message>
        <source>The keychain is switched off (keyring&apos;s null backend is configured).</source>
        <translation>钥匙串已关闭（配置的是 keyring 的空后端）。</translation>
    </message>
    <message>
        <source>The configured keyring backend ({backend}) stores secrets in a file.</source>
        <translation>所配置的 keyring 后端（{backend}）把机密存放在文件中。</translation>
    </message>
    <message>
        <source>The keychain holds no signing key named {name!r}.</source>
        <translation>钥匙串中没有名为 {name!r} 的签名密钥。</translation>
    </message>
    <message>
        <source>The keychain entry {name!r} is not an elliptic-curve signing key.</source>
        <translation>钥匙串条目 {name!r} 不是椭圆曲线签名密钥。</translation>
    </message>
    <message>
        <source>The OS keychain could not be opened ({exc}).</source>
        <translation>无法打开系统钥匙串（{exc}）。</translation>
    </message>
    <message>
        <source>The keychain is locked: unlock your keychain and try again.</source>
        <translation>钥匙串已锁定：请解锁后重试。</translation>
    </message>
    <message>
        <source>No OS keychain was found.</source>
        <translation>未找到系统钥匙串。</translation>
    </message>
    <message>
        <source>scorecard of {evaluator_code} for {credit_code} in round {round_code} is {status} and can no longer be changed</source>
        <translation>评审员 {evaluator_code} 在轮次 {round_code} 中对 {credit_code} 的评分表状态为“{status}”，不能再修改</translation>
    </message>
    <message>
        <source>Identity ▸ Create Signing Identity…, then Identity ▸ Install Certificate… once the secretariat has sent it.</source>
        <translation>身份 ▸ 创建签名身份…；秘书处签发证书后，再用 身份 ▸ 安装证书…。</translation>
    </message>
    <message>
        <source>this backup is {backup}&apos;s, not {code}&apos;s</source>
        <translation>此备份属于 {backup}，不属于 {code}</translation>
    </message>
    <message>
        <source>the scorecard for {credit_code} is {status}: only a final scorecard is exported and signed</source>
        <translation>{credit_code} 的评分表状态为“{status}”：只有已定稿的评分表才能签名导出</translation>
    </message>
    <message>
        <source>The OS keychain refused the operation ({exc}).</source>
        <translation>系统钥匙串拒绝了该操作（{exc}）。</translation>
    </message>
    <message>
        <source>The keychain entry {name!r} does not hold a readable signing key.</source>
        <translation>钥匙串条目 {name!r} 中没有可读取的签名密钥。</translation>
    </message>
    <message>
        <source>Encrypted PDFs are not supported.</source>
        <translation>不支持加密的 PDF。</translation>
    </message>
    <message>
        <source>This PDF has a nested attachment tree, which is not supported.</source>
        <translation>该 PDF 含有嵌套的附件树，暂不支持。</translation>
    </message>
    <message>
        <source>The PDF could not be read to attach a file.</source>
        <translation>无法读取该 PDF 以附加文件。</translation>
    </message>
    <message>
        <source>The signing key does not belong to the signing certificate.</source>
        <translation>签名密钥与签名证书不匹配。</translation>
    </message>
    <message>
        <source>The signing certificate of {subject_name} is not valid at {when:%Y-%m-%d}.</source>
        <translation>{subject_name} 的签名证书在 {when:%Y-%m-%d} 不在有效期内。</translation>
    </message>
    <message>
        <source>Encrypted PDFs cannot be signed.</source>
        <translation>加密的 PDF 无法签名。</translation>
    </message>
    <message>
        <source>The PDF is already signed; sign a fresh copy instead.</source>
        <translation>该 PDF 已经签名；请对一份新副本签名。</translation>
    </message>
    <message>
        <source>The PDF could not be read for signing.</source>
        <translation>无法读取该 PDF 进行签名。</translation>
    </message>
    <message>
        <source>The signer {describe} is not certified by this committee.</source>
        <translation>签名人 {describe} 未经本评审委员会认证。</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate {describe} has expired or is not yet valid.</source>
        <translation>签名人的证书 {describe} 已过期或尚未生效。</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate does not hold an ECDSA key.</source>
        <translation>签名人的证书中不是 ECDSA 密钥。</translation>
    </message>
    <message>
        <source>The signature does not match the data: the file was changed or signed by someone else.</source>
        <translation>签名与数据不符：文件已被改动，或由他人签名。</translation>
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
        <source>Signing identity needed</source>
        <translation>需要签名身份</translation>
    </message>
    <message>
        <source>Signing the declaration…</source>
        <translation>正在签署回避声明…</translation>
    </message>
    <message>
        <source>Declaration not exported</source>
        <translation>回避声明未导出</translation>
    </message>
    <message>
        <source>Declaration exported</source>
        <translation>回避声明已导出</translation>
    </message>
    <message>
        <source>Signed declaration saved as {path}. Send it to the secretariat with your scorecards; it can no longer be withdrawn.</source>
        <translation>已签名的回避声明已保存为 {path}。请与评分表一并交给秘书处；此声明已不能撤回。</translation>
    </message>
    <message>
        <source>Declaration already exported</source>
        <translation>回避声明已导出</translation>
    </message>
    <message>
        <source>The declaration has been exported and may already be with the secretariat, so it can no longer be withdrawn here. Ask the secretariat to correct it.</source>
        <translation>回避声明已经导出，可能已送达秘书处，因此不能在此撤回。请联系秘书处更正。</translation>
    </message>
    <message>
        <source>Withdraw conflict declaration</source>
        <translation>撤回回避声明</translation>
    </message>
    <message>
        <source>Withdraw the conflict of interest you declared with {name}?

The scorecard becomes a draft again and you score this candidate.</source>
        <translation>撤回您对 {name} 声明的回避？

评分表将恢复为草稿，由您继续为该单位评分。</translation>
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
        <source>Export running</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation>已有导出任务在进行中。</translation>
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
        <source>Encrypted for the secretariat (.p7m): only the secretariat can open it. Your readable copy stays in this workspace.</source>
        <translation>已为秘书处加密（.p7m）：只有秘书处能打开。您可读的副本保留在本工作区中。</translation>
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
        <source>Import the secretariat&apos;s receipt</source>
        <translation>导入秘书处回执</translation>
    </message>
    <message>
        <source>Receipts (*.qzreceipt);;All files (*)</source>
        <translation>回执 (*.qzreceipt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking the receipt…</source>
        <translation>正在检查回执…</translation>
    </message>
    <message>
        <source>Receipt not imported</source>
        <translation>回执未导入</translation>
    </message>
    <message>
        <source>This receipt was imported before; nothing changed.</source>
        <translation>这份回执之前已导入；没有任何变化。</translation>
    </message>
    <message>
        <source>Round {round}: the secretariat holds {accepted} of your scorecards; {refused} not accepted. {changed} cards changed.</source>
        <translation>轮次 {round}：秘书处已接收您的 {accepted} 份评分表，{refused} 份未接收。{changed} 张评分表的状态有变化。</translation>
    </message>
    <message>
        <source>Receipt imported</source>
        <translation>回执已导入</translation>
    </message>
    <message>
        <source>No round yet</source>
        <translation>尚无评审轮次</translation>
    </message>
    <message>
        <source>Import your assignment package first (File ▸ Import Assignment Package); a score sheet adds scores to its candidates.</source>
        <translation>请先导入评审任务包（文件 ▸ 导入评审任务包）；评分表中的评分将记入任务包中的参评单位。</translation>
    </message>
    <message>
        <source>Import score sheet</source>
        <translation>导入评分表</translation>
    </message>
    <message>
        <source>Score sheets (*.csv *.xlsx);;All files (*)</source>
        <translation>评分表 (*.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking the score sheet…</source>
        <translation>正在检查评分表…</translation>
    </message>
    <message>
        <source>Score sheet not imported</source>
        <translation>评分表未导入</translation>
    </message>
    <message>
        <source>Score sheet imported</source>
        <translation>评分表已导入</translation>
    </message>
    <message>
        <source>{rows} scores imported for {count} candidate(s). Each change is in the scorecard&apos;s history like one typed in the window.</source>
        <translation>已为 {count} 家单位导入 {rows} 条评分。每项改动都与在窗口中输入的一样记入评分表的历史记录。</translation>
    </message>
    <message>
        <source>The demo&apos;s identity</source>
        <translation>演示身份</translation>
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
        <source>The file exists</source>
        <translation>文件已存在</translation>
    </message>
    <message>
        <source>{name} already exists, and a new workspace never replaces a file.

Open {name} instead? Choose No to pick another name.</source>
        <translation>{name} 已存在，新建工作区不会覆盖已有文件。

改为打开 {name} 吗？选择“否”可另选文件名。</translation>
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
        <source>Installing the certificate…</source>
        <translation>正在安装证书…</translation>
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
    <message>
        <source>Key not backed up</source>
        <translation>密钥未备份</translation>
    </message>
    <message>
        <source>Save key backup</source>
        <translation>保存密钥备份</translation>
    </message>
    <message>
        <source>Key backups (*.p12)</source>
        <translation>密钥备份 (*.p12)</translation>
    </message>
    <message>
        <source>Backing up your signing key…</source>
        <translation>正在备份签名密钥…</translation>
    </message>
    <message>
        <source>Key backed up</source>
        <translation>密钥已备份</translation>
    </message>
    <message>
        <source>Your signing key is saved in {path}, protected by your passphrase. Keep the file on a USB stick apart from this laptop; if the laptop is lost, restore it on another with Identity ▸ Restore Key Backup….</source>
        <translation>您的签名密钥已保存到 {path}，受口令保护。请把该文件存放在U盘上，与这台笔记本分开保管；笔记本丢失时，可在另一台电脑上用 身份 ▸ 恢复密钥备份… 恢复。</translation>
    </message>
    <message>
        <source>Key not restored</source>
        <translation>密钥未恢复</translation>
    </message>
    <message>
        <source>Restore key backup</source>
        <translation>恢复密钥备份</translation>
    </message>
    <message>
        <source>Key backups (*.p12 *.pfx);;All files (*)</source>
        <translation>密钥备份 (*.p12 *.pfx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Restoring your signing key…</source>
        <translation>正在恢复签名密钥…</translation>
    </message>
    <message>
        <source>Key restored</source>
        <translation>密钥已恢复</translation>
    </message>
    <message>
        <source>Your signing key is back in this computer&apos;s keychain and its certificate is installed: you can sign scorecards. Certificate fingerprint:
{fingerprint}</source>
        <translation>您的签名密钥已恢复到本机密钥库，证书也已安装：现在可以签署评分表。证书指纹：
{fingerprint}</translation>
    </message>
    <message>
        <source>{file}, row {row}</source>
        <translation>{file} 第 {row} 行</translation>
    </message>
    <message>
        <source>Nothing was imported. The first problem is in {where}:
{reason}

Correct the sheet and import it again.</source>
        <translation>未导入任何内容。第一个问题在 {where}：
{reason}

请更正评分表后重新导入。</translation>
    </message>
</context>
<context>
    <name>WorkspaceBackup</name>
    <message>
        <source>Back up the workspace to</source>
        <translation>将工作区备份到</translation>
    </message>
    <message>
        <source>Workspaces (*.qzw);;All files (*)</source>
        <translation>工作区 (*.qzw);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Backing up the workspace…</source>
        <translation>正在备份工作区…</translation>
    </message>
    <message>
        <source>Workspace not backed up</source>
        <translation>工作区未备份</translation>
    </message>
    <message>
        <source>Workspace backed up</source>
        <translation>工作区已备份</translation>
    </message>
    <message>
        <source>Saved as {path}. Copy a workspace only this way: a copy of the file made while the program runs, or synced by OneDrive or a network folder, can be damaged.</source>
        <translation>已保存为 {path}。请只用这种方式复制工作区：程序运行时直接复制文件，或经 OneDrive、网络文件夹同步的副本，都可能损坏。</translation>
    </message>
</context>
<context>
    <name>Zoom</name>
    <message>
        <source>Vie&amp;w</source>
        <translation>视图(&amp;W)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
</context>
</TS>
