// The policy editor: CodeMirror 5 (Debian's libjs-codemirror, served by this server) with YAML
// highlighting, problems as marks and a lint gutter, completion of the policy's keys and its own
// ids, search and folding. Where the server has no CodeMirror, a plain text area does the same
// job with line numbers in the problems list. Tab indents; Esc then Tab leaves the editor.
"use strict";

window.RedressEditor = (function () {
  const textarea = document.getElementById("editor");
  const listeners = [];
  let annotate = null;
  let cm = null;

  // Ids the draft itself defines: procedures, stages, sources, rules.
  function draftIds(text) {
    const ids = new Set();
    let section = "";
    for (const line of text.split("\n")) {
      const top = /^([a-z_]+):/.exec(line);
      if (top) section = top[1];
      const id = /^\s*-?\s*id:\s*"?([A-Za-z0-9-]+)/.exec(line);
      if (id) ids.add(id[1]);
      const key = /^ {2}([a-z0-9][a-z0-9-]*):/.exec(line);
      if (key && (section === "procedures" || section === "sources" || section === "directorates")) ids.add(key[1]);
    }
    return [...ids];
  }

  function hint(editor) {
    const cursor = editor.getCursor();
    const line = editor.getLine(cursor.line);
    let start = cursor.ch;
    while (start > 0 && /[A-Za-z0-9_-]/.test(line.charAt(start - 1))) start -= 1;
    const word = line.slice(start, cursor.ch);
    const beforeColon = !line.slice(0, start).includes(":");
    const pool = beforeColon ? window.RedressPolicyKeys || [] : draftIds(editor.getValue()).concat(window.RedressServices || []);
    const list = [...new Set(pool)].filter((candidate) => candidate.startsWith(word) && candidate !== word).sort();
    return { list: list.map((text) => (beforeColon ? { text: `${text}: `, displayText: text } : text)), from: CodeMirror.Pos(cursor.line, start), to: CodeMirror.Pos(cursor.line, cursor.ch) };
  }

  if (window.CodeMirror) {
    cm = CodeMirror.fromTextArea(textarea, {
      mode: "yaml", lineNumbers: true, indentUnit: 2, tabSize: 2, indentWithTabs: false, lineWrapping: false,
      gutters: ["CodeMirror-lint-markers", "CodeMirror-linenumbers", "CodeMirror-foldgutter"], foldGutter: true,
      foldOptions: { rangeFinder: CodeMirror.fold.indent },
      lint: { getAnnotations: (text, update) => { annotate = update; }, async: true, delay: 0 },
      extraKeys: {
        "Ctrl-Space": "autocomplete", Tab: (editor) => editor.execCommand(editor.somethingSelected() ? "indentMore" : "insertSoftTab"),
        "Shift-Tab": "indentLess", Esc: (editor) => { editor.getInputField().blur(); document.getElementById("check-status").focus(); },
      },
      hintOptions: { hint, completeSingle: false },
    });
    cm.getInputField().setAttribute("aria-labelledby", "editor-label");
    cm.getInputField().setAttribute("aria-describedby", "editor-hint check-status");
    cm.on("changes", () => listeners.forEach((listener) => listener()));
    document.getElementById("editor-label").addEventListener("click", () => cm.focus());
  } else {
    textarea.addEventListener("input", () => listeners.forEach((listener) => listener()));
    document.getElementById("editor-hint").textContent = "The code editor is not installed on this server: a plain text box is shown.";
  }

  return {
    codeEditor: Boolean(cm),
    get text() { return cm ? cm.getValue() : textarea.value; },
    set text(value) {
      if (cm) { cm.setValue(value); cm.clearHistory(); } else textarea.value = value;
    },
    onChange(listener) { listeners.push(listener); },
    focus() { if (cm) cm.focus(); else textarea.focus(); },
    // The caret's line (1-based), for the tests and the status line.
    caretLine() { return cm ? cm.getCursor().line + 1 : textarea.value.slice(0, textarea.selectionStart).split("\n").length; },
    jumpTo(line, column) {
      if (cm) {
        const position = CodeMirror.Pos(Math.max(0, (line || 1) - 1), Math.max(0, (column || 1) - 1));
        cm.focus();
        cm.setCursor(position);
        cm.scrollIntoView(position, 80);
        return;
      }
      const lines = textarea.value.split("\n");
      let offset = 0;
      for (let index = 0; index < line - 1 && index < lines.length; index += 1) offset += lines[index].length + 1;
      offset += Math.max(0, (column || 1) - 1);
      textarea.focus();
      textarea.setSelectionRange(offset, offset);
    },
    // Problems as marks under the text and markers in the lint gutter.
    mark(diagnostics) {
      if (!cm || !annotate) return;
      const annotations = diagnostics.filter((d) => d.line).map((d) => {
        const from = CodeMirror.Pos(d.line - 1, Math.max(0, (d.column || 1) - 1));
        const word = cm.findWordAt(from);
        const to = word.head.ch > from.ch ? word.head : CodeMirror.Pos(from.line, from.ch + 1);
        return { from, to, message: d.message, severity: d.severity === "error" ? "error" : "warning" };
      });
      annotate(cm, annotations);
    },
    markedLines() {
      return cm ? [...document.querySelectorAll(".CodeMirror-lint-marker-error")].map((marker) => marker.closest(".CodeMirror-gutter-wrapper")?.parentElement?.querySelector(".CodeMirror-linenumber")?.textContent) : [];
    },
  };
})();
