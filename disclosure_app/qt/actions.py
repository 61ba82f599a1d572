"""The main window's commands: actions with their shortcuts, the menus and the toolbar.

Every command is a method of the window (or of the current form view); this module only
names them in Chinese, gives them keys and arranges them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence


def _action(window, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    a = QAction(text, window)
    a.triggered.connect(lambda checked=False: slot())
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
    if tip:
        a.setStatusTip(tip)
        a.setToolTip(tip)
    return a


def build_actions(window) -> None:
    """Create the window's actions (``window.act_*``), its menus and its toolbar."""
    S = QKeySequence.StandardKey
    window.act_new = _action(window, "新建(&N)…", window.new_project, S.New, "新建空白项目或从样例开始")
    window.act_open = _action(window, "打开(&O)…", window.open_project, S.Open, "打开公开项目文件（.dapj）")
    window.act_save = _action(window, "保存(&S)", window.save, S.Save)
    window.act_save_as = _action(window, "另存为(&A)…", window.save_as, S.SaveAs)
    window.act_export = _action(window, "导出公开文件(&E)…", window.export, "Ctrl+E", "导出 PDF、Word、Excel 公开文件")
    window.act_quit = _action(window, "退出(&X)", window.close, S.Quit)
    window.act_undo = _action(window, "撤销(&U)", window.undo, S.Undo)
    window.act_redo = _action(window, "重做(&R)", window.redo, S.Redo)
    window.act_copy = _action(window, "复制(&C)", lambda: window.on_view("copy"), None)
    window.act_paste = _action(window, "粘贴(&P)", lambda: window.on_view("paste"), None)
    window.act_clear = _action(window, "清除内容(&D)", lambda: window.on_view("clear_selection"), None)
    window.act_insert = _action(window, "插入科目行(&I)…", lambda: window.on_view("insert_code_row"), "Ctrl+Shift+I",
                               "在科目表中插入类/款/项科目行，名称按科目目录自动填写")
    window.act_delete = _action(window, "删除科目行(&L)", lambda: window.on_view("delete_code_rows"), "Ctrl+Shift+L",
                               "删除选中的科目行及其下级科目")
    window.act_autosum = _action(window, "自动求和(&M)", lambda: window.on_view("autosum"), "Ctrl+Shift+M",
                                "只填写空白的合计单元格，已有数值的合计不会被改动")
    window.act_autototals = QAction("自动计算合计(&T)", window)
    window.act_autototals.setCheckable(True)
    window.act_autototals.setToolTip("开启后，合计、小计随各项自动更新（新建的空白项目默认开启；"
                                     "导入的项目默认关闭，合计以公开数为准）")
    window.act_autototals.setStatusTip(window.act_autototals.toolTip())
    window.act_autototals.toggled.connect(window.toggle_auto_totals)
    window.act_findings = window.dock.toggleViewAction()
    window.act_findings.setText("校验结果面板(&V)")
    window.act_findings.setShortcut(QKeySequence("F8"))
    window.act_next = _action(window, "转到校验结果(&F)", window.focus_findings, "F9")
    window.act_nav = _action(window, "转到文档结构(&N)", lambda: window.nav.setFocus(), "Alt+1")
    window.act_editor = _action(window, "转到编辑区(&D)", window.focus_page, "Alt+2")
    for a, short in ((window.act_new, "新建"), (window.act_open, "打开"), (window.act_save, "保存"),
                     (window.act_undo, "撤销"), (window.act_redo, "重做"), (window.act_insert, "插入科目行"),
                     (window.act_delete, "删除科目行"), (window.act_autosum, "自动求和"), (window.act_export, "导出公开文件")):
        a.setIconText(short)
    m = window.menuBar().addMenu("文件(&F)")
    m.addActions([window.act_new, window.act_open])
    window.recent_menu = m.addMenu("最近打开(&R)")
    window.recent_menu.aboutToShow.connect(window.fill_recent_menu)
    window.import_menu = m.addMenu("导入(&I)")
    window.act_import_json = _action(window, "导入 JSON（dump 格式）(&J)…", lambda: window.import_file("json"),
                                     tip="从 disclosure-app dump 导出的 JSON 文件新建项目")
    window.act_import_xlsx = _action(window, "导入 Excel（本程序导出的 .xlsx）(&X)…",
                                     lambda: window.import_file("xlsx"), tip="从本程序导出的 Excel 文件新建项目")
    window.act_import_text = _action(window, "导入公开文本（.txt）(&T)…", lambda: window.import_file("text"),
                                     tip="从已公开的决算或预算文件（PDF 中提取的文字）新建项目，以便审核")
    window.act_import_tables = _action(window, "导入公开表格（任何 Excel、CSV）(&E)…", lambda: window.import_tables(),
                                       tip="部门决算软件、预算一体化系统或手工制作的公开表格：先预览，确认后只替换读到的表")
    window.act_import_prior = _action(window, "从上年导入（上年项目或公开文件）(&L)…", lambda: window.import_prior_year(),
                                      tip="由上年的项目文件或公开文件填入情况说明所需的上年数；已录入的不改动")
    window.import_menu.addActions([window.act_import_tables, window.act_import_prior, window.act_import_json,
                                   window.act_import_xlsx, window.act_import_text])
    m.addSeparator()
    m.addActions([window.act_save, window.act_save_as])
    m.addSeparator()
    m.addAction(window.act_export)
    m.addSeparator()
    m.addAction(window.act_quit)
    m = window.menuBar().addMenu("编辑(&E)")
    m.addActions([window.act_undo, window.act_redo])
    m.addSeparator()
    m.addActions([window.act_copy, window.act_paste, window.act_clear])
    m.addSeparator()
    m.addActions([window.act_insert, window.act_delete, window.act_autosum, window.act_autototals])
    m = window.menuBar().addMenu("查看(&V)")
    m.addActions([window.act_findings, window.act_nav, window.act_editor, window.act_next])
    try:
        from .about import show_about
    except ImportError:
        show_about = None
    m = window.menuBar().addMenu("帮助(&H)")
    window.act_guide = _action(window, "使用说明(&G)", window.show_guide, "F1", "五步完成公开文件，常用快捷键")
    m.addAction(window.act_guide)
    m.addAction(_action(window, "开始页(&S)", lambda: (window.show_page("start"), window.focus_page())))
    m.addAction(_action(window, "发布前检查(&C)", lambda: (window.show_page("checklist"), window.focus_page())))
    if show_about is not None:
        m.addSeparator()
        m.addAction(_action(window, "关于(&A)", lambda: show_about(window)))
    bar = window.addToolBar("常用")
    bar.setObjectName("MainToolBar")
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    bar.addActions([window.act_new, window.act_open, window.act_save])
    bar.addSeparator()
    bar.addActions([window.act_undo, window.act_redo])
    bar.addSeparator()
    bar.addActions([window.act_insert, window.act_delete, window.act_autosum, window.act_autototals])
    bar.addSeparator()
    bar.addAction(window.act_export)
