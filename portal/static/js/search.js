/* The search page, enhanced (templates/search/search.html). Plain JavaScript, no dependencies.
 *
 * Without this file the page is a plain GET form that works as it is. With it:
 *
 * - Ticking a facet value or changing the sort applies at once: the page is
 *   fetched again with the form's new query string, the regions marked
 *   ``data-search-region`` are replaced, the address goes into the history
 *   (shareable; Back and Forward work) and the result count, a live region
 *   that stays in place, announces the new number. Focus stays where it was.
 *   Anything but a page with results (a bad parameter, the engine down)
 *   loads as a whole page, which says what went wrong.
 * - The query field becomes an ARIA combobox offering /api/v1/suggest's
 *   suggestions (arrow keys, Enter, Escape). A title leads to its item, a
 *   metal, process or institution to the search it carries. If the API
 *   fails, there are simply no suggestions.
 *
 * Every text shown comes from the template (data- attributes), in the
 * interface language.
 */
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  if (!form || !window.fetch || !window.AbortController || !window.DOMParser || !window.history.pushState) {
    return;
  }

  // --- filters and sort apply at once ---------------------------------------

  var count = document.getElementById("result-count");
  var loading = null; // the AbortController of the page being fetched
  var narrow = window.matchMedia("(max-width: 45rem)");

  function hideApplyButtons() {
    form.querySelectorAll(".apply-filters").forEach(function (button) {
      button.hidden = true;
    });
  }

  function searchUrl() {
    var url = new URL(form.action, window.location.href);
    url.search = new URLSearchParams(new FormData(form)).toString();
    return url.href;
  }

  function isFilter(element) {
    return (element.type === "checkbox" && element.closest("#search-facets")) || element.id === "sort";
  }

  function load(url, push) {
    if (loading) {
      loading.abort();
    }
    var controller = new AbortController();
    loading = controller;
    var results = form.querySelector(".results");
    if (results) {
      results.setAttribute("aria-busy", "true");
    }
    return fetch(url, {headers: {"Accept": "text/html"}, credentials: "same-origin", signal: controller.signal})
      .then(function (response) {
        return response.text().then(function (html) {
          return {ok: response.ok, html: html};
        });
      })
      .then(function (answer) {
        if (controller !== loading) {
          return;
        }
        var fresh = new DOMParser().parseFromString(answer.html, "text/html");
        if (!answer.ok || !swap(fresh, !push)) {
          window.location.assign(url); // the page itself says what went wrong
          return;
        }
        document.title = fresh.title;
        if (push) {
          window.history.pushState({search: true}, "", url);
        }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          window.location.assign(url);
        }
      })
      .finally(function () {
        if (controller === loading) {
          loading = null;
          if (results) {
            results.removeAttribute("aria-busy");
          }
        }
      });
  }

  // Puts the regions of ``fresh`` in place of the current ones; false if it has none.
  function swap(fresh, fromHistory) {
    var regions = Array.prototype.slice.call(form.querySelectorAll("[data-search-region]"));
    var replacements = regions.map(function (region) {
      return fresh.getElementById(region.id);
    });
    if (!regions.length || replacements.indexOf(null) !== -1) {
      return false;
    }
    var focused = document.activeElement;
    var focusedInRegion = focused && regions.some(function (region) {
      return region.contains(focused);
    });
    var focusedId = focusedInRegion ? focused.id : "";
    var focusedFacet = focusedInRegion && focused.type === "checkbox" ? focused.name : "";
    var openLists = Array.prototype.map.call(form.querySelectorAll("details.facet-more[open]"), function (details) {
      return details.getAttribute("data-facet");
    });

    regions.forEach(function (region, index) {
      region.replaceWith(document.importNode(replacements[index], true));
    });

    openLists.forEach(function (facet) {
      form.querySelectorAll("details.facet-more").forEach(function (details) {
        if (details.getAttribute("data-facet") === facet) {
          details.open = true;
        }
      });
    });
    if (focusedInRegion) {
      var target = (focusedId && document.getElementById(focusedId)) ||
        (focusedFacet && form.querySelector("#search-facets input[name='" + focusedFacet + "']")) ||
        document.getElementById("sort");
      if (target) {
        target.focus({preventScroll: true});
      }
    }
    announce(fresh.getElementById("result-count"));
    if (fromHistory) { // Back or Forward: the fields outside the regions follow the address too
      ["q", "sort"].forEach(function (id) {
        var field = document.getElementById(id);
        var freshField = fresh.getElementById(id);
        if (field && freshField) {
          field.value = freshField.value;
        }
      });
    }
    return true;
  }

  // The count is a live region: changing its text makes screen readers read it.
  var announcing = null;

  function announce(freshCount) {
    if (!count || !freshCount) {
      return;
    }
    var text = freshCount.textContent;
    window.clearTimeout(announcing);
    if (count.textContent === text) { // the same number again: still say it
      count.textContent = "";
      announcing = window.setTimeout(function () {
        count.textContent = text;
      }, 100);
    } else {
      count.textContent = text;
    }
  }

  form.addEventListener("change", function (event) {
    if (isFilter(event.target)) {
      load(searchUrl(), true);
    }
  });

  window.addEventListener("popstate", function (event) {
    if (event.state && event.state.search) {
      load(window.location.href, false);
    }
  });
  window.history.replaceState({search: true}, "", window.location.href);
  hideApplyButtons();

  // On a narrow screen the filters start folded above the results, unless some are in use.
  var panel = form.querySelector(".filter-panel");
  if (panel) {
    if (narrow.matches && !form.querySelector("#search-facets input:checked")) {
      panel.open = false;
    }
    narrow.addEventListener("change", function () {
      if (!narrow.matches) {
        panel.open = true; // wide screens have no way to unfold it
      }
    });
  }

  // --- autocomplete: the ARIA combobox pattern --------------------------------

  var input = document.getElementById("q");
  var listbox = document.getElementById("q-suggestions");
  if (!input || !listbox || !input.getAttribute("data-suggest-url")) {
    return;
  }

  var DELAY_MS = 200;
  var MIN_LENGTH = 2;
  var MAX_LENGTH = 100; // longer text is refused by the API
  var hint = document.getElementById("q-hint");
  var suggestions = [];
  var active = -1;
  var timer = null;
  var asking = null;

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listbox.id);
  if (hint) {
    hint.hidden = false;
    input.setAttribute("aria-describedby", hint.id);
  }

  function kindLabel(kind) {
    return /^[a-z]+$/.test(kind || "") ? listbox.getAttribute("data-kind-" + kind) : null;
  }

  function safeUrl(url) {
    try {
      var parsed = new URL(url, window.location.href);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (error) {
      return null;
    }
  }

  function setActive(index) {
    var options = listbox.children;
    if (active >= 0 && options[active]) {
      options[active].setAttribute("aria-selected", "false");
    }
    active = index;
    if (index >= 0 && options[index]) {
      options[index].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({block: "nearest"});
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function open() {
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function close() {
    setActive(-1);
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
  }

  function choose(index) {
    var suggestion = suggestions[index];
    if (suggestion) {
      close();
      window.location.assign(suggestion.url);
    }
  }

  function render(items) {
    suggestions = [];
    listbox.textContent = "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
    items.forEach(function (item) {
      var url = item && typeof item.text === "string" && typeof item.url === "string" ? safeUrl(item.url) : null;
      if (!url || !item.text) {
        return;
      }
      var index = suggestions.length;
      suggestions.push({text: item.text, url: url});
      var option = document.createElement("li");
      option.id = listbox.id + "-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      var text = document.createElement("span");
      text.textContent = item.text;
      option.appendChild(text);
      var kind = kindLabel(item.kind);
      if (kind) {
        var badge = document.createElement("span");
        badge.className = "suggestion-kind";
        badge.textContent = kind;
        option.appendChild(badge);
      }
      option.addEventListener("mousedown", function (event) {
        event.preventDefault(); // the field keeps the focus
      });
      option.addEventListener("click", function () {
        choose(index);
      });
      listbox.appendChild(option);
    });
    if (suggestions.length && document.activeElement === input) {
      open();
    } else {
      close();
    }
  }

  function ask() {
    var text = input.value.trim().slice(0, MAX_LENGTH);
    if (asking) {
      asking.abort();
      asking = null;
    }
    if (text.length < MIN_LENGTH) {
      render([]);
      return;
    }
    var controller = new AbortController();
    asking = controller;
    var url = new URL(input.getAttribute("data-suggest-url"), window.location.href);
    url.search = new URLSearchParams({q: text}).toString();
    fetch(url.href, {headers: {"Accept": "application/json"}, credentials: "same-origin", signal: controller.signal})
      .then(function (response) {
        if (!response.ok) {
          throw new Error("suggestions unavailable: " + response.status);
        }
        return response.json();
      })
      .then(function (body) {
        if (controller === asking) {
          render(body && Array.isArray(body.suggestions) ? body.suggestions : []);
        }
      })
      .catch(function () {
        if (controller === asking) {
          render([]); // no suggestions; searching works as before
        }
      });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, DELAY_MS);
  });

  input.addEventListener("keydown", function (event) {
    var expanded = !listbox.hidden;
    switch (event.key) {
      case "ArrowDown":
        if (suggestions.length) {
          event.preventDefault();
          if (!expanded) {
            open();
          }
          setActive(expanded ? (active + 1) % suggestions.length : 0);
        }
        break;
      case "ArrowUp":
        if (suggestions.length) {
          event.preventDefault();
          if (!expanded) {
            open();
          }
          setActive(expanded && active > 0 ? active - 1 : suggestions.length - 1);
        }
        break;
      case "Enter":
        if (expanded && active >= 0) {
          event.preventDefault();
          choose(active);
        }
        break; // otherwise the form is submitted as usual
      case "Escape":
        if (expanded) {
          event.preventDefault(); // keep the text: the first Escape only closes the list
          close();
        }
        break;
      case "Tab":
        close();
        break;
    }
  });

  input.addEventListener("blur", close);
  form.addEventListener("submit", function () {
    window.clearTimeout(timer);
    if (asking) {
      asking.abort();
      asking = null;
    }
    close();
  });
})();
