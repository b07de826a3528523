// orgstrategy's site: filters on the index, and a search of search.json.
// Text from the documents is put on the page with textContent only, never as markup.
"use strict";

(function () {
  function words(text) {
    return text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  }

  function filterIndex() {
    var box = document.getElementById("filters");
    var table = document.getElementById("strategies");
    if (!box || !table) {
      return;
    }
    box.hidden = false;
    var selects = box.querySelectorAll("select");
    var text = document.getElementById("filter-text");
    var count = document.getElementById("filter-count");
    var rows = table.tBodies[0].rows;

    function apply() {
      var wanted = words(text.value);
      var shown = 0;
      for (var i = 0; i < rows.length; i += 1) {
        var row = rows[i];
        var visible = true;
        for (var j = 0; j < selects.length; j += 1) {
          var value = selects[j].value;
          if (value && row.getAttribute("data-" + selects[j].getAttribute("data-column")) !== value) {
            visible = false;
          }
        }
        var haystack = (row.getAttribute("data-text") || "").toLocaleLowerCase();
        for (var k = 0; k < wanted.length; k += 1) {
          if (haystack.indexOf(wanted[k]) === -1) {
            visible = false;
          }
        }
        row.hidden = !visible;
        shown += visible ? 1 : 0;
      }
      count.textContent = shown + " of " + rows.length + " shown";
    }

    for (var s = 0; s < selects.length; s += 1) {
      selects[s].addEventListener("change", apply);
    }
    text.addEventListener("input", apply);
    apply();
  }

  function search() {
    var input = document.getElementById("search-text");
    var list = document.getElementById("search-results");
    var count = document.getElementById("search-count");
    if (!input || !list) {
      return;
    }
    var index = null;

    function show() {
      var wanted = words(input.value);
      while (list.firstChild) {
        list.removeChild(list.firstChild);
      }
      if (!wanted.length) {
        count.textContent = index.length + " pages to search";
        return;
      }
      var found = index.filter(function (page) {
        var haystack = (page.title + "\n" + page.organisation + "\n" + page.text).toLocaleLowerCase();
        return wanted.every(function (word) { return haystack.indexOf(word) !== -1; });
      });
      found.forEach(function (page) {
        var item = document.createElement("li");
        item.lang = page.language;
        var link = document.createElement("a");
        link.href = page.page;
        link.textContent = page.title;
        item.appendChild(link);
        item.appendChild(document.createTextNode(" (" + page.organisation + ")"));
        list.appendChild(item);
      });
      count.textContent = found.length + (found.length === 1 ? " page found" : " pages found");
    }

    fetch("search.json")
      .then(function (response) { return response.json(); })
      .then(function (pages) {
        index = pages;
        input.addEventListener("input", show);
        show();
      })
      .catch(function () {
        count.textContent = "The search index could not be read: serve the site from a web server.";
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    filterIndex();
    search();
  });
})();
