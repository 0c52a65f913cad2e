// The compare page: the gap between two roles and the route between them, computed in the browser (roles.js)
// from the data embedded in the page.
(function () {
  "use strict";

  var framework = LdcfRoles(JSON.parse(document.getElementById("ldcf-compare-data").textContent));
  var roles = framework.roles, gap = framework.gap, route = framework.route;

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    for (var name in attributes || {}) node.setAttribute(name, attributes[name]);
    return node;
  }

  function entries(section, title, list) {
    var wrapper = element("section", null, { "data-section": section });
    wrapper.appendChild(element("h3", title + " (" + list.length + ")"));
    if (!list.length) { wrapper.appendChild(element("p", "None.")); return wrapper; }
    var table = element("table", null, { "class": "stack-on-phone" });
    var head = element("thead"), row = element("tr");
    ["Code", "Title", "Type"].forEach(function (name) { row.appendChild(element("th", name, { scope: "col" })); });
    head.appendChild(row); table.appendChild(head);
    var body = element("tbody");
    list.forEach(function (item) {
      var line = element("tr", null, { "data-code": item.key, "data-category": item.category });
      var cell = element("td", null, { "data-label": "Code" });
      cell.appendChild(element("a", item.code || "No code", { href: "competences/" + item.slug + ".html" }));
      line.appendChild(cell);
      line.appendChild(element("td", item.title, { "data-label": "Title" }));
      line.appendChild(element("td", framework.categoryNames[item.category], { "data-label": "Type" }));
      body.appendChild(line);
    });
    table.appendChild(body); wrapper.appendChild(table);
    return wrapper;
  }

  function levelChange(from, to) {
    return from === to ? "Both at level " + to : "Level " + from + " to level " + to;
  }

  // One step of a route: its two roles, a link to compare them, and the competences it adds.
  function step(found) {
    var item = element("li", null, { "data-from": found.from.id, "data-to": found.to.id });
    var heading = element("p");
    heading.appendChild(element("a", found.from.title + " to " + found.to.title, {
      href: "compare.html?from=" + encodeURIComponent(found.from.id) + "&to=" + encodeURIComponent(found.to.id)
    }));
    heading.appendChild(document.createTextNode(": " + found.toAcquire.length + " to acquire"));
    item.appendChild(heading);
    if (found.toAcquire.length) {
      var added = element("ul", null, { "class": "step-competences" });
      found.toAcquire.forEach(function (entry) {
        var line = element("li", null, { "data-step-code": entry.key });
        line.appendChild(element("a", entry.code || "No code", { href: "competences/" + entry.slug + ".html" }));
        line.appendChild(document.createTextNode(" " + entry.title));
        added.appendChild(line);
      });
      item.appendChild(added);
    }
    return item;
  }

  function show(from, to) {
    var result = document.getElementById("compare-result");
    result.textContent = "";
    performance.mark("ldcf-gap-start");
    var found = gap(from, to);
    performance.measure("ldcf-gap", "ldcf-gap-start");
    result.appendChild(element("h2", "From " + from.title + " to " + to.title, { id: "result-heading", tabindex: "-1" }));
    var summary = element("dl", null, { "class": "summary-list" });
    [["Career Framework level", levelChange(from.level, to.level)],
     ["Already held", found.retained.length + " of the " + found.required + " competences " +
      framework.withArticle(to.title) + " needs, " + Math.round(found.shareMet * 100) + " in every 100"]
    ].forEach(function (pair) {
      var row = element("div"); row.appendChild(element("dt", pair[0])); row.appendChild(element("dd", pair[1]));
      summary.appendChild(row);
    });
    result.appendChild(summary);
    var kinds = element("p", null, { "class": "hint" });
    kinds.appendChild(document.createTextNode("Core competences are the ones every role at a level needs. " +
      "Role-specific ones belong to the role itself, and locality-specific ones are for specialist work that only " +
      "some services do. "));
    kinds.appendChild(element("a", "What these words mean", { href: "glossary.html#core-competences" }));
    result.appendChild(kinds);
    result.appendChild(entries("to-acquire", "To acquire", found.toAcquire));
    result.appendChild(entries("retained", "Already held", found.retained));
    result.appendChild(entries("no-longer-required", "Not in the " + to.title + " profile", found.noLongerRequired));
    performance.mark("ldcf-route-start");
    var steps = route(from, to);
    performance.measure("ldcf-route", "ldcf-route-start");
    var routeSection = element("section", null, { "data-route": "" });
    routeSection.appendChild(element("h2", "Route"));
    if (steps === null) {
      routeSection.appendChild(element("p", "There is no route from " + from.title + " (level " + from.level + ") to " +
        to.title + " (level " + to.level + "). Each step moves up one level or to another role at the same level, " +
        "never down."));
    } else if (!steps.length) {
      routeSection.appendChild(element("p", "Already there: no steps."));
    } else {
      routeSection.appendChild(element("p", "The route that adds the fewest competences. Each step moves up one " +
        "level or to another role at the same level."));
      var list = element("ol");
      steps.forEach(function (found) { list.appendChild(step(found)); });
      routeSection.appendChild(list);
    }
    result.appendChild(routeSection);
  }

  var parameters = new URLSearchParams(window.location.search);
  var fromId = parameters.get("from"), toId = parameters.get("to");
  if (fromId && toId) {
    var unknown = [fromId, toId].filter(function (id) { return !roles.hasOwnProperty(id); });
    if (unknown.length) {
      var result = document.getElementById("compare-result");
      result.appendChild(element("p", "No role with the id " + unknown.join(" or ") + ": choose one from the lists."));
    } else {
      document.getElementById("from").value = fromId;
      document.getElementById("to").value = toId;
      show(roles[fromId], roles[toId]);
    }
  }
}());
