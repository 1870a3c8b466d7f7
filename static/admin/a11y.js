// Accessible names for what the admin's widgets draw without one: the
// search box of an autocomplete (select2) takes the name of its select.
(function () {
  "use strict";
  function nameOf(select) {
    if (!select) return "";
    if (select.getAttribute("aria-label")) return select.getAttribute("aria-label");
    const label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }
  function label(root) {
    root.querySelectorAll(".select2-search__field:not([aria-label])").forEach((field) => {
      const container = field.closest(".select2-container");
      let select = container && container.previousElementSibling;
      if (!select || select.tagName !== "SELECT") {
        // The dropdown's own search box: name it after the open select.
        select = document.querySelector(".select2-container--open")?.previousElementSibling;
      }
      const name = nameOf(select);
      if (name) field.setAttribute("aria-label", name);
    });
  }
  document.addEventListener("DOMContentLoaded", () => {
    label(document);
    new MutationObserver(() => label(document)).observe(document.body, { childList: true, subtree: true });
  });
})();
