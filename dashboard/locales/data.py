"""UI text of the Data page (uploads, mapping, batches)."""

STRINGS = {
    "data.title": {"en": "Data", "zh-CN": "数据管理"},
    "data.caption": {
        "en": "Upload exports, check the column mapping, load them, and undo a load if needed.",
        "zh-CN": "上传导出文件，核对字段映射，导入数据，必要时撤销某次导入。",
    },
    "data.upload": {"en": "Upload a file", "zh-CN": "上传文件"},
    "data.upload_label": {
        "en": "Drag and drop a CSV or XLSX export here (up to {limit} MB)",
        "zh-CN": "将 CSV 或 XLSX 导出文件拖到此处（最大 {limit} MB）",
    },
    "data.too_big": {
        "en": "{name} is {size} MB, over the {limit} MB limit. Split the export into smaller "
        "files or ask an admin to raise the upload limit in Settings.",
        "zh-CN": "{name} 大小为 {size} MB，超过 {limit} MB 的上限。请拆分为较小的文件，"
        "或请管理员在「设置」中提高上传上限。",
    },
    "data.bad_type": {
        "en": "{name} is not a CSV/TSV/TXT or XLSX file. Save the export as CSV or XLSX and upload it again.",
        "zh-CN": "{name} 不是 CSV/TSV/TXT 或 XLSX 文件。请另存为 CSV 或 XLSX 后重新上传。",
    },
    "data.kind": {"en": "What does the file hold?", "zh-CN": "文件内容类型"},
    "data.kind_crm": {"en": "CRM customers", "zh-CN": "CRM 客户"},
    "data.kind_survey": {"en": "Survey responses", "zh-CN": "调查问卷"},
    "data.kind_complaints": {"en": "Complaint tickets", "zh-CN": "投诉工单"},
    "data.kind_benchmarks": {"en": "Competitor benchmarks", "zh-CN": "竞品对标"},
    "data.kind_ops": {"en": "Operational metrics", "zh-CN": "运营指标"},
    "data.profile": {"en": "Mapping profile", "zh-CN": "映射方案"},
    "data.profile_none": {"en": "(automatic, by header names)", "zh-CN": "（按表头自动识别）"},
    "data.sheet": {"en": "Sheet", "zh-CN": "工作表"},
    "data.as_of": {
        "en": "Date for rows without one (needed when the file has no date column)",
        "zh-CN": "无日期行的日期（文件没有日期列时必填）",
    },
    "data.use_as_of": {"en": "The file has no date column", "zh-CN": "文件没有日期列"},
    "data.preview": {"en": "Preview", "zh-CN": "预览"},
    "data.detected": {
        "en": "Encoding {encoding}, separator {separator}, header on line {header_line}.",
        "zh-CN": "编码 {encoding}，分隔符 {separator}，表头在第 {header_line} 行。",
    },
    "data.mapping": {"en": "Column mapping", "zh-CN": "字段映射"},
    "data.mapping_help": {
        "en": "Each field of the warehouse and the column of your file that fills it. "
        "Suggestions come from the header names; change any of them. Columns not used are kept as extra data.",
        "zh-CN": "仓库的每个字段及文件中对应的列。系统已根据表头给出建议，可逐一修改。未使用的列将作为附加数据保留。",
    },
    "data.no_column": {"en": "— not in this file —", "zh-CN": "— 文件中没有 —"},
    "data.required": {"en": "{field} (required)", "zh-CN": "{field}（必填）"},
    "data.missing_required": {
        "en": "Choose a column for the required field(s): {fields}.",
        "zh-CN": "请为必填字段选择对应的列：{fields}。",
    },
    "data.no_dates_hint": {
        "en": "A survey export without any date column: tick “The file has no date column” above "
        "and give the date the answers belong to.",
        "zh-CN": "问卷文件没有日期列时：请勾选上方的「文件没有日期列」，并填写这些回复所属的日期。",
    },
    "data.duplicate_column": {
        "en": "The column {column} is chosen for more than one field: {fields}. Choose it once.",
        "zh-CN": "列 {column} 被用于多个字段：{fields}。每列只能使用一次。",
    },
    "data.profile_name": {"en": "Save this mapping as a profile named", "zh-CN": "将此映射保存为方案，名称"},
    "data.profile_save": {"en": "Save profile", "zh-CN": "保存方案"},
    "data.profile_saved": {"en": "Profile {name} saved.", "zh-CN": "方案 {name} 已保存。"},
    "data.profile_bad_name": {
        "en": "Give the profile a name of letters, digits, - or _ (at most 40).",
        "zh-CN": "方案名称只能包含字母、数字、- 或 _（最多 40 个字符）。",
    },
    "data.load": {"en": "Load into the warehouse", "zh-CN": "导入数据仓库"},
    "data.loading": {"en": "Loading {name}…", "zh-CN": "正在导入 {name}…"},
    "data.load_done": {"en": "{name} loaded.", "zh-CN": "{name} 已导入。"},
    "data.evaluating": {"en": "Checking the alert rules against the new data…",
                        "zh-CN": "正在用新数据检查预警规则…"},
    "data.evaluate_failed": {
        "en": "The data is saved, but the alert rules could not all run. The Alerts page may be "
              "out of date until the next load; an admin can run `python -m warehouse alerts "
              "--evaluate`.",
        "zh-CN": "数据已保存，但部分预警规则未能运行。在下次导入前，预警页面可能不是最新的；"
                 "管理员可运行 `python -m warehouse alerts --evaluate`。",
    },
    "data.waiting": {
        "en": "Waiting for another load to finish…",
        "zh-CN": "正在等待另一项导入完成…",
    },
    "data.loaded": {
        "en": "Batch {batch_id}: {loaded} rows loaded, {updated} updated, {duplicate} already there, "
        "{rejected} rejected (of {read} read).",
        "zh-CN": "批次 {batch_id}：读取 {read} 行，新增 {loaded} 行，更新 {updated} 行，"
        "重复 {duplicate} 行，拒绝 {rejected} 行。",
    },
    "data.kind_choose": {"en": "Choose what the file holds", "zh-CN": "请选择文件内容类型"},
    "data.kind_proposed": {
        "en": "Proposed from the headers: {kind} ({matched} of {columns} columns match, {percent} %).",
        "zh-CN": "根据表头推荐：{kind}（{columns} 列中 {matched} 列匹配，{percent}%）。",
    },
    "data.kind_unsure": {
        "en": "The headers fit no kind completely: choose what the file holds.",
        "zh-CN": "表头与任何类型都不完全匹配：请选择文件内容类型。",
    },
    "data.kind_mismatch": {
        "en": "The headers fit {other} better ({percent} % of columns) than {chosen}.",
        "zh-CN": "表头更符合「{other}」（{percent}% 的列匹配），而不是「{chosen}」。",
    },
    "data.kind_confirm": {"en": "Load it as {chosen} anyway", "zh-CN": "仍按「{chosen}」导入"},
    "data.zone_offset": {
        "en": "{field} ({header}): the sample's times carry their own offset; they are kept as written.",
        "zh-CN": "{field}（{header}）：样本中的时间自带时区偏移，按原样保存。",
    },
    "data.zone_naive": {
        "en": "{field} ({header}): times without an offset are read in {zone}.",
        "zh-CN": "{field}（{header}）：无时区偏移的时间按 {zone} 读取。",
    },
    "data.zone_mixed": {
        "en": "{field} ({header}): {offset} sample values carry their own offset (kept); {naive} without "
        "one are read in {zone}.",
        "zh-CN": "{field}（{header}）：{offset} 个样本值自带时区偏移（按原样保存）；{naive} 个无偏移的值按 {zone} 读取。",
    },
    "data.row_id_hash": {
        "en": "The file has no id column: build each row's id from its content",
        "zh-CN": "文件没有编号列：按每行内容生成编号",
    },
    "data.row_id_help": {
        "en": "The same row loaded again gets the same id, so loading the file twice adds nothing.",
        "zh-CN": "同一行再次导入会得到相同编号，重复导入不会新增数据。",
    },
    "data.recode_help": {
        "en": "Values as written in the yes/no and status columns, and how the loader reads them. Type what a "
        "value becomes to recode it (e.g. yes, no, solved, pending).",
        "zh-CN": "是/否列和状态列中的原始值及其读取方式。在「转换为」中填写新值即可重新编码（如 yes、no、solved、pending）。",
    },
    "data.recode_unreadable": {"en": "(not readable: rejected)", "zh-CN": "（无法识别：将被拒绝）"},
    "data.recode_field": {"en": "Field", "zh-CN": "字段"},
    "data.recode_value": {"en": "Value as written", "zh-CN": "原始值"},
    "data.recode_read_as": {"en": "Read as", "zh-CN": "读取为"},
    "data.recode_becomes": {"en": "Becomes", "zh-CN": "转换为"},
    "data.rows_repeated": {"en": "Repeated in file", "zh-CN": "文件内重复"},
    "data.rows_read": {"en": "Rows read", "zh-CN": "读取行数"},
    "data.rows_loaded": {"en": "Loaded", "zh-CN": "新增"},
    "data.rows_updated": {"en": "Updated", "zh-CN": "更新"},
    "data.rows_duplicate": {"en": "Already there", "zh-CN": "重复"},
    "data.rows_rejected": {"en": "Rejected", "zh-CN": "拒绝"},
    "data.rejects": {"en": "Rejected rows", "zh-CN": "被拒绝的行"},
    "data.refused": {"en": "The file was not loaded: {message}", "zh-CN": "文件未导入：{message}"},
    "data.failed": {
        "en": "The load failed and nothing was changed. Try again; if it keeps failing, "
        "send the file to an administrator. ({error})",
        "zh-CN": "导入失败，数据未做任何更改。请重试；若仍失败，请将文件发给管理员。（{error}）",
    },
    "data.loader_missing": {
        "en": "The loader is not installed in this build; uploads are unavailable.",
        "zh-CN": "此版本未安装数据导入模块，暂不能上传。",
    },
    "data.batches": {"en": "Loaded batches", "zh-CN": "导入批次"},
    "data.no_batches": {
        "en": "Nothing loaded yet. Upload a file above.",
        "zh-CN": "尚未导入任何数据。请在上方上传文件。",
    },
    "data.undo_pick": {"en": "Batch to undo", "zh-CN": "要撤销的批次"},
    "data.undo": {"en": "Undo this batch", "zh-CN": "撤销该批次"},
    "data.undo_confirm": {
        "en": "I understand the rows of batch {batch_id} will be removed and updated rows restored.",
        "zh-CN": "我已了解：批次 {batch_id} 新增的行将被删除，更新过的行将被恢复。",
    },
    "data.batches_not_scoped": {
        "en": "The load history spans every channel and region, so it is shown to analysts, "
        "managers and admins only.",
        "zh-CN": "导入记录涵盖所有渠道和区域，仅向分析师、管理层和管理员显示。",
    },
    "data.undone": {"en": "Batch {batch_id} undone.", "zh-CN": "批次 {batch_id} 已撤销。"},
    "data.read_only": {
        "en": "Your role can view the load history but not upload or undo.",
        "zh-CN": "您的角色只能查看导入记录，不能上传或撤销。",
    },
    "data.status_loaded": {"en": "Loaded", "zh-CN": "已导入"},
    "data.status_undone": {"en": "Undone", "zh-CN": "已撤销"},
    "data.choose_batch": {"en": "Choose a batch", "zh-CN": "请选择批次"},
    "data.batch_rejects": {"en": "Rejected rows of batch", "zh-CN": "查看批次的拒绝行"},
}
