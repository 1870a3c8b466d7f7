// Accessible names for what the admin's widgets draw without one:
// - an autocomplete (select2) takes the name of its select's label, both
//   its closed box and its search field;
// - a field of a tabular inline takes its column's heading (and a delete
//   box says what it deletes).
(function () {
  "use strict";
  function labelOf(select) {
    if (!select) return null;
    return select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
  }
  function nameOf(select) {
    if (!select) return "";
    if (select.getAttribute("aria-label")) return select.getAttribute("aria-label");
    const label = labelOf(select);
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }
  function nameSelect2(root) {
    root.querySelectorAll(".select2-container").forEach((container) => {
      const select = container.previousElementSibling;
      if (!select || select.tagName !== "SELECT") return;
      const name = nameOf(select);
      if (!name) return;
      container.querySelectorAll(".select2-selection[role=combobox], .select2-selection__rendered[role=textbox], .select2-search__field").forEach((el) => {
        if (el.dataset.named) return;
        // select2 names its box after the chosen value only: name it
        // after the field, then the value.
        el.removeAttribute("aria-labelledby");
        el.setAttribute("aria-label", name);
        el.dataset.named = "1";
      });
    });
    const open = document.querySelector(".select2-container--open");
    const search = document.querySelector(".select2-dropdown .select2-search__field:not([aria-label])");
    if (open && search) search.setAttribute("aria-label", nameOf(open.previousElementSibling));
  }
  function nameInlineFields(root) {
    root.querySelectorAll(".tabular table").forEach((table) => {
      const headings = {};
      table.querySelectorAll("thead th[class*=column-]").forEach((th) => {
        const column = Array.from(th.classList).find((c) => c.startsWith("column-"));
        headings[column.slice(7)] = th.textContent.trim();
      });
      table.querySelectorAll("tbody tr.form-row").forEach((row, i) => {
        row.querySelectorAll("td[class*=field-]").forEach((td) => {
          const field = Array.from(td.classList).find((c) => c.startsWith("field-")).slice(6);
          td.querySelectorAll("input:not([type=hidden]), select, textarea").forEach((input) => {
            if (!input.getAttribute("aria-label") && !labelOf(input)) {
              input.setAttribute("aria-label", (headings[field] || field) + " " + (i + 1));
            }
          });
        });
      });
    });
  }
  function run() {
    nameSelect2(document);
    nameInlineFields(document);
  }
  document.addEventListener("DOMContentLoaded", () => {
    run();
    new MutationObserver(run).observe(document.body, { childList: true, subtree: true });
  });
})();
