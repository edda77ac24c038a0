// The front page's filter: narrows the rendered lists by text, topic, country,
// language and partner (an item matches a choice when it links to that choice's
// page: each select names the folders of its pages in data-pages). The page works fully without it; nothing is fetched.
(function () {
  "use strict";
  function ready() {
    var form = document.getElementById("filter");
    if (!form) { return; }
    var items = Array.prototype.slice.call(document.querySelectorAll("main article.item"));
    var count = document.getElementById("filter-count");
    var fields = ["topics", "countries", "languages", "partners"];
    var texts = items.map(function (item) { return fold(item.textContent || ""); });
    var links = items.map(function (item) {
      return Array.prototype.map.call(item.querySelectorAll("a[href]"), function (a) {
        return a.getAttribute("href");
      });
    });

    // each select marked data-fill offers what the rows link to in its folders
    // ("topics/gold/", "../countries/cd/"), named as the rows name it, in the page's order
    Array.prototype.forEach.call(form.querySelectorAll("select[data-fill]"), function (select) {
      var folders = (select.getAttribute("data-pages") || "").split(" ").filter(Boolean);
      var names = {};
      items.forEach(function (item) {
        Array.prototype.forEach.call(item.querySelectorAll(".meta a[href], .tags a[href]"), function (a) {
          var found = /^(?:\.\.\/)*([a-z-]+\/)([^\/?#]+)\/$/.exec(a.getAttribute("href") || "");
          if (found && folders.indexOf(found[1]) !== -1 && !names[found[2]]) {
            names[found[2]] = (a.textContent || "").trim();
          }
        });
      });
      var language = document.documentElement.lang || "en";
      Object.keys(names).sort(function (a, b) {
        return names[a].localeCompare(names[b], language, { sensitivity: "base" }) || (a < b ? -1 : 1);
      }).forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = names[value];
        select.appendChild(option);
      });
    });

    function fold(text) {
      return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    }

    function apply() {
      var words = fold(form.elements.q.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item, index) {
        var ok = words.every(function (word) { return texts[index].indexOf(word) !== -1; });
        fields.forEach(function (field) {
          var select = form.elements[field];
          if (ok && select && select.value) {
            var wanted = (select.getAttribute("data-pages") || "").split(" ").map(
              function (folder) { return folder + select.value + "/"; });
            ok = links[index].some(function (link) {
              return wanted.some(function (path) {
                return link === path || link.slice(-path.length - 1) === "/" + path;
              });
            });
          }
        });
        item.hidden = !ok;
        if (ok) { shown += 1; }
      });
      Array.prototype.forEach.call(document.querySelectorAll("main section"), function (section) {
        var visible = section.querySelectorAll("article.item:not([hidden])").length;
        var number = section.querySelector(":scope > h3 .n");
        if (number) { number.textContent = String(visible); }
        if (section.classList.contains("urgency")) { section.hidden = visible === 0; }
      });
      var filtering = words.length || fields.some(function (f) {
        return form.elements[f] && form.elements[f].value;
      });
      // the sentence in the page's language, from the page ("{shown} of {total} items shown")
      var sentence = count.getAttribute("data-sentence") || "{shown} of {total} items shown";
      count.textContent = filtering
        ? sentence.replace("{shown}", String(shown)).replace("{total}", String(items.length))
        : "";
    }

    form.hidden = false;
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
