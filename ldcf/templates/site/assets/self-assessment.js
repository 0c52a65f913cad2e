// The self-assessment page: a person marks the competences of the role they aim for (and of their own) as held,
// working towards or not yet assessed, sees what is left and the route there, keeps their answers in this
// browser only, and downloads or opens a record in the format `ldcf gap --have` reads. Nothing leaves the page.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("ldcf-self-assessment-data").textContent);
  var framework = LdcfRoles(data.roles);
  var roles = framework.roles;
  var titles = data.roles.titles;
  var STORAGE_KEY = "ldcf-self-assessment:" + data.edition;
  var MOST_RECORD_BYTES = 1024 * 1024;  // a record is a few kilobytes; a larger file is not one
  var DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  // DD/MM/YYYY (or D/M/YYYY), the day first, as ldcf reads it (never the US order)
  var UK_DATE = /^([0-9]{1,2})\/([0-9]{1,2})\/([0-9]{4})$/;
  var FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
  var STATUSES = [["not_assessed", "Not yet assessed"], ["held", "Held"], ["working_towards", "Working towards"]];
  var CATEGORY_HEADINGS = {
    "core": ["Core competences", "Every role at this Career Framework level needs these, whatever the job."],
    "role-specific": ["Role-specific competences", "This role needs these as well as the core competences of its " +
                      "level."],
    "locality-specific": ["Locality-specific competences", "Extra competences for specialist work that only some " +
                          "services do."]
  };

  var form = document.getElementById("assessment-form");
  var nameInput = document.getElementById("person-name");
  var roleSelect = document.getElementById("role-role");
  var targetSelect = document.getElementById("target-role");
  var message = document.getElementById("record-message");

  // What the person said: their name, roles and an entry per competence, by key. Fields of a record the page
  // has no input for (who confirmed an entry and when, a plan) are kept, so that a record opened here and
  // downloaded again loses nothing.
  var state = emptyState();

  function emptyState() { return { name: "", role: null, target: null, targetChosen: false, entries: {} }; }

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    for (var name in attributes || {}) node.setAttribute(name, attributes[name]);
    return node;
  }

  // As ldcf.framework.naming.competence_key: case and spacing do not matter, an SFH prefix before a code is
  // dropped (SFHGEN97 is GEN97) and CFA codes are compared without their underscore (CFABAD332).
  function lookupKey(name) {
    return String(name).replace(/\s+/g, "").toLowerCase().replace(/^sfh(?=[a-z][a-z&]*\d)/, "")
      .replace(/^cfa_/, "cfa");
  }
  function roleKey(name) {
    return String(name).replace(/&/g, " and ").toLowerCase().replace(/['\u2019]/g, "").replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
  }
  function codeOf(key) { return framework.uncoded[key] ? null : key; }
  function titleOf(key) { return titles[key] || "A competence of the framework not listed in any role"; }

  // The next role up: the first role at the nearest level above, or the role itself at the top.
  function nextRoleUp(role) {
    var above = framework.list.filter(function (other) { return other.level > role.level; });
    if (!above.length) return role;
    var level = Math.min.apply(null, above.map(function (other) { return other.level; }));
    return above.filter(function (other) { return other.level === level; })[0];
  }

  function entry(key) {
    if (!state.entries[key]) state.entries[key] = { status: "not_assessed", evidence: "", date: "" };
    return state.entries[key];
  }

  function statusOf(key) { return state.entries[key] ? state.entries[key].status : "not_assessed"; }
  // A claim a manager rejected at review stays in the record beside the decision, and counts as not held, as ldcf
  // counts it.
  function rejected(key) {
    var known = state.entries[key];
    return Boolean(known && known.status === "held" && (known.rejected_by || known.rejected_on));
  }
  function holds(key) { return statusOf(key) === "held" && !rejected(key); }

  // Keeping answers ------------------------------------------------------------------------------------------

  var storage = null;
  try {
    storage = window.localStorage;
    storage.getItem(STORAGE_KEY);
  } catch (error) {
    storage = null;
  }

  function save() {
    if (!storage) return;
    try { storage.setItem(STORAGE_KEY, JSON.stringify(state)); } catch (error) { /* full or refused: kept for now */ }
  }

  function restore() {
    if (!storage) return;
    var saved = null;
    try { saved = JSON.parse(storage.getItem(STORAGE_KEY) || "null"); } catch (error) { saved = null; }
    if (!saved || typeof saved !== "object" || typeof saved.entries !== "object" || saved.entries === null) return;
    state = emptyState();
    state.name = typeof saved.name === "string" ? saved.name : "";
    state.role = roles.hasOwnProperty(saved.role) ? saved.role : null;
    state.target = roles.hasOwnProperty(saved.target) ? saved.target : null;
    state.targetChosen = saved.targetChosen === true;
    if (saved.kept && typeof saved.kept === "object") {
      state.kept = {};
      ["appraiser", "next_review"].forEach(function (field) {
        if (typeof saved.kept[field] === "string") state.kept[field] = saved.kept[field];
      });
      if (Array.isArray(saved.kept.targets)) {
        state.kept.targets = saved.kept.targets.filter(function (id) { return roles.hasOwnProperty(id); });
      }
      if (Array.isArray(saved.kept.priorities)) {
        state.kept.priorities = saved.kept.priorities.filter(function (key) { return typeof key === "string"; });
      }
    }
    Object.keys(saved.entries).forEach(function (key) {
      var saved_entry = saved.entries[key];
      if (!saved_entry || typeof saved_entry !== "object") return;
      var kept = {};
      ["status", "evidence", "date", "confirmed_by", "confirmed_on", "confirmed_edition", "rejected_by",
       "rejected_on", "plan", "listed"].forEach(function (field) {
        if (typeof saved_entry[field] === "string") kept[field] = saved_entry[field];
      });
      if (["held", "working_towards", "not_assessed"].indexOf(kept.status) < 0) kept.status = "not_assessed";
      kept.evidence = kept.evidence || "";
      kept.date = kept.date || "";
      state.entries[key] = kept;
    });
  }

  // The form ---------------------------------------------------------------------------------------------------

  var rowCount = 0;

  function competenceRow(holding) {
    var key = holding[0], code = codeOf(key), known = entry(key), index = rowCount++;
    var row = element("tr", null, code ? { "data-code": key } : { "data-id": key });
    var name = element("td", null, { "data-label": "Competence" });
    name.appendChild(element("a", code || "No code", { href: "competences/" + framework.slug(key) + ".html" }));
    name.appendChild(document.createTextNode(" " + titleOf(key)));
    row.appendChild(name);

    // A cell with one control and a label for screen readers that names the competence it belongs to.
    function cell(label, control) {
      var made = element("td", null, { "data-label": label });
      made.appendChild(element("label", label + " for " + (code || titleOf(key)),
                               { "for": control.id, "class": "visually-hidden" }));
      made.appendChild(control);
      row.appendChild(made);
      return made;
    }

    var select = element("select", null, { id: "status-" + index, name: "status" });
    STATUSES.forEach(function (status) {
      var option = element("option", status[1], { value: status[0] });
      if (known.status === status[0]) option.selected = true;
      select.appendChild(option);
    });
    cell("Status", select);
    var evidence = element("input", null, { type: "text", id: "evidence-" + index, name: "evidence" });
    evidence.value = known.evidence || "";
    cell("Evidence", evidence);
    var date = element("input", null, { type: "date", id: "date-" + index, name: "date" });
    if (FULL_DATE.test(known.date || "")) date.value = known.date;
    var dateCell = cell("Date", date);
    if (known.date && !FULL_DATE.test(known.date)) {
      dateCell.appendChild(element("p", "In your record: " + known.date, { "class": "hint" }));
    }

    select.addEventListener("change", function () { entry(key).status = select.value; changed(); });
    evidence.addEventListener("input", function () { entry(key).evidence = evidence.value; changed(false); });
    date.addEventListener("change", function () { entry(key).date = date.value; changed(false); });
    return row;
  }

  function competenceTable(heading, hint, holdings) {
    var section = element("section", null, { "class": "competence-group" });
    section.appendChild(element("h3", heading + " (" + holdings.length + ")"));
    if (hint) section.appendChild(element("p", hint, { "class": "hint" }));
    var table = element("table", null, { "class": "assessment-table stack-on-phone" });
    var head = element("thead"), headRow = element("tr");
    ["Competence", "Status", "Evidence", "Date"].forEach(function (name) {
      headRow.appendChild(element("th", name, { scope: "col" }));
    });
    head.appendChild(headRow);
    table.appendChild(head);
    var body = element("tbody");
    holdings.forEach(function (holding) { body.appendChild(competenceRow(holding)); });
    table.appendChild(body);
    section.appendChild(table);
    return section;
  }

  function renderForm() {
    var container = document.getElementById("competences");
    container.textContent = "";
    rowCount = 0;
    var current = roles[state.role], target = roles[state.target];
    var shown = {};
    var progress = element("p", null, { id: "progress", "class": "progress" });
    container.appendChild(progress);
    container.appendChild(element("p", "The competences " + framework.withArticle(target.title) + " needs (level " + target.level + "):"));
    framework.categories.forEach(function (category, index) {
      var holdings = target.holdings.filter(function (holding) { return holding[1] === index; });
      holdings.forEach(function (holding) { shown[holding[0]] = true; });
      if (!holdings.length) return;
      var heading = CATEGORY_HEADINGS[category] || [category, ""];
      container.appendChild(competenceTable(heading[0], heading[1], holdings));
    });
    var own = current.holdings.filter(function (holding) { return !shown[holding[0]]; });
    own.forEach(function (holding) { shown[holding[0]] = true; });
    if (own.length) {
      container.appendChild(competenceTable("Also in your current role", "Competences " + framework.withArticle(current.title) +
        " needs that the " + target.title + " profile does not list.", own));
    }
    var others = Object.keys(state.entries).filter(function (key) {
      return !shown[key] && state.entries[key].status !== "not_assessed";
    }).map(function (key) { return [key, 0]; });
    if (others.length) {
      container.appendChild(competenceTable("Others in your record", "Competences you recorded that neither role " +
        "lists. They stay in your record.", others));
    }
  }

  // Results ------------------------------------------------------------------------------------------------------

  function competenceItem(key, note) {
    var code = codeOf(key);
    var item = element("li", null, code ? { "data-code": key } : { "data-id": key });
    item.appendChild(element("a", code || "No code", { href: "competences/" + framework.slug(key) + ".html" }));
    item.appendChild(document.createTextNode(" " + titleOf(key) + (note ? " (" + note + ")" : "")));
    return item;
  }

  function listSection(section, heading, keys, note, empty) {
    var wrapper = element("div", null, { "data-section": section });
    wrapper.appendChild(element("h3", heading + " (" + keys.length + ")"));
    if (!keys.length) {
      wrapper.appendChild(element("p", empty));
      return wrapper;
    }
    var list = element("ul");
    keys.forEach(function (key) { list.appendChild(competenceItem(key, note ? note(key) : "")); });
    wrapper.appendChild(list);
    return wrapper;
  }

  function plural(count, one, many) { return count + " " + (count === 1 ? one : many); }

  function results() {
    var current = roles[state.role], target = roles[state.target];
    var needed = target.holdings.map(function (holding) { return holding[0]; });
    var held = needed.filter(holds);
    var toAcquire = needed.filter(function (key) { return !holds(key); });
    var towards = Object.keys(state.entries).filter(function (key) { return statusOf(key) === "working_towards"; });
    return { current: current, target: target, needed: needed, held: held, toAcquire: toAcquire, towards: towards };
  }

  function targetDateNote(key) {
    var date = state.entries[key] && state.entries[key].date;
    if (rejected(key)) return "your claim was not accepted at review";
    return statusOf(key) === "working_towards" ? (date ? "working towards it, by " + date : "working towards it") : "";
  }

  function renderResults() {
    var found = results();
    var body = document.getElementById("results-body");
    body.textContent = "";
    body.appendChild(element("p", "You have " + found.held.length + " of the " +
      plural(found.needed.length, "competence", "competences") + " " + framework.withArticle(found.target.title) + " needs.",
      { "class": "lede", "data-summary": "" }));
    var progress = document.getElementById("progress");
    if (progress) {
      progress.textContent = "So far: " + found.held.length + " of " + found.needed.length + " held. ";
      progress.appendChild(element("a", "See what is left", { href: "#results" }));
    }
    body.appendChild(listSection("to-acquire", "Still to acquire", found.toAcquire, targetDateNote,
      "None: you hold every competence " + framework.withArticle(found.target.title) + " needs."));
    body.appendChild(listSection("working-towards", "Working towards", found.towards, function (key) {
      var date = state.entries[key].date;
      return date ? "by " + date : "no date set";
    }, "None yet. Choose Working towards for a competence you are developing."));

    var routeSection = element("div", null, { "data-route": "" });
    routeSection.appendChild(element("h3", "Your route to " + found.target.title));
    var steps = framework.route(found.current, found.target);
    if (steps === null) {
      routeSection.appendChild(element("p", "There is no route from " + found.current.title + " (level " +
        found.current.level + ") to " + found.target.title + " (level " + found.target.level + "). Each step " +
        "moves up one level or to another role at the same level, never down."));
    } else if (!steps.length) {
      routeSection.appendChild(element("p", "You are aiming for the role you are in: there are no steps between."));
    } else {
      var list = element("ol");
      steps.forEach(function (step) {
        var item = element("li", null, { "data-from": step.from.id, "data-to": step.to.id });
        var line = element("p");
        line.appendChild(element("a", step.from.title + " to " + step.to.title, {
          href: "compare.html?from=" + encodeURIComponent(step.from.id) + "&to=" + encodeURIComponent(step.to.id)
        }));
        var left = step.toAcquire.filter(function (each) { return !holds(each.key); }).length;
        line.appendChild(document.createTextNode(": " + plural(step.toAcquire.length, "competence", "competences") +
          " to add, " + left + " of them still to acquire"));
        item.appendChild(line);
        if (step.toAcquire.length) {
          var added = element("ul");
          step.toAcquire.forEach(function (each) {
            added.appendChild(competenceItem(each.key, holds(each.key) ? "you hold this" : ""));
          });
          item.appendChild(added);
        }
        list.appendChild(item);
      });
      routeSection.appendChild(list);
    }
    body.appendChild(routeSection);
  }

  function changed(redrawForm) {
    save();
    if (redrawForm) renderForm();
    renderResults();
  }

  function chooseRoles() {
    if (!roles.hasOwnProperty(state.role)) state.role = framework.list[0].id;
    if (!roles.hasOwnProperty(state.target)) state.target = nextRoleUp(roles[state.role]).id;
    roleSelect.value = state.role;
    targetSelect.value = state.target;
    nameInput.value = state.name;
  }

  function renderAll() {
    chooseRoles();
    renderForm();
    renderResults();
  }

  // The record file ----------------------------------------------------------------------------------------------

  function quoted(text) { return JSON.stringify(String(text)); }  // a JSON string is a YAML double-quoted one

  function recordText() {
    var lines = [
      "# A self-assessment record from the L&D Career and Competence Framework site.",
      "# A supervisor can use it with ldcf: ldcf gap --have THIS-FILE " + state.target
    ];
    if (state.name.trim()) lines.push("name: " + quoted(state.name.trim()));
    lines.push("role: " + quoted(state.role), "target: " + quoted(state.target));
    var kept = state.kept || {};
    if (kept.appraiser) lines.push("appraiser: " + quoted(kept.appraiser));
    if (kept.next_review) lines.push("next_review: " + quoted(kept.next_review));
    if (kept.priorities && kept.priorities.length) {
      lines.push("priorities:");
      kept.priorities.forEach(function (key) { lines.push("  - " + quoted(key)); });
    }
    // More targets than the one chosen here, as the record named them.
    var others = (kept.targets || []).filter(function (id) { return id !== state.target; });
    if (others.length) {
      lines.push("targets:");
      others.forEach(function (id) { lines.push("  - " + quoted(id)); });
    }
    var held = [], towards = [], notAssessed = [];
    Object.keys(state.entries).forEach(function (key) {
      var known = state.entries[key];
      if (known.status === "held") held.push(key);
      else if (known.status === "working_towards") towards.push(key);
      else if (known.listed) notAssessed.push(key);  // listed as not yet assessed in the record opened
    });
    function optional(field, value) {
      if (value && String(value).trim()) lines.push("    " + field + ": " + quoted(String(value).trim()));
    }
    lines.push(held.length ? "held:" : "held: []");
    held.forEach(function (key) {
      var known = state.entries[key];
      lines.push("  - code: " + quoted(key));
      optional("evidence", known.evidence);
      optional("date", known.date);
      optional("confirmed_by", known.confirmed_by);
      optional("confirmed_on", known.confirmed_on);
      optional("confirmed_edition", known.confirmed_edition);
      optional("rejected_by", known.rejected_by);
      optional("rejected_on", known.rejected_on);
    });
    lines.push(towards.length ? "working_towards:" : "working_towards: []");
    towards.forEach(function (key) {
      var known = state.entries[key];
      lines.push("  - code: " + quoted(key));
      optional("target_date", known.date);
      optional("plan", known.plan);
    });
    if (notAssessed.length) {
      lines.push("not_yet_assessed:");
      notAssessed.forEach(function (key) { lines.push("  - code: " + quoted(key)); });
    }
    return lines.join("\n") + "\n";
  }

  function download() {
    var person = roleKey(state.name) || "my";
    var link = element("a", null, {
      href: "data:text/yaml;charset=utf-8," + encodeURIComponent(recordText()),
      download: person + "-self-assessment.yaml"
    });
    document.body.appendChild(link);
    link.click();
    link.remove();
    say("Your record was downloaded. Keep it safe: it is about you.", false);
  }

  function say(text, problem) {
    message.textContent = "";
    message.className = problem ? "error-message" : "success-message";
    message.appendChild(element("p", text));
  }

  // Reads the YAML a record is written in: block mappings and lists, plain and quoted values, comments, `[]`
  // for an empty list, and `|` or `>` text over several lines. Anything else YAML allows (anchors, tags, flow
  // mappings) a record does not need; it is refused with the line, as ldcf refuses it.
  function parseYaml(text) {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    var rows = [], raw = text.split(/\r\n|\r|\n/);
    for (var number = 1; number <= raw.length; number += 1) {
      var line = raw[number - 1];
      if (/^\s*\t/.test(line) && line.trim()) fail(number, "it is indented with a tab; use spaces");
      var content = withoutComment(line, number);
      if (!content.trim()) { rows.push({ number: number, blank: true, raw: line }); continue; }
      var trimmed = content.trim();
      if (trimmed === "---" && !rows.some(function (row) { return !row.blank; })) continue;
      if (trimmed === "..." || trimmed === "---") break;
      rows.push({ number: number, indent: content.length - content.replace(/^ +/, "").length, text: trimmed,
                  raw: line });
    }
    var position = 0;
    var meaningful = rows.filter(function (row) { return !row.blank; });
    rows = meaningful.concat([]);
    if (!rows.length) fail(1, "the file is empty");

    function fail(line, why) { throw { line: line, message: why }; }

    function withoutComment(line, lineNumber) {
      var quote = null;
      for (var i = 0; i < line.length; i += 1) {
        var character = line[i];
        if (quote) {
          if (character === "\\" && quote === '"') { i += 1; continue; }
          if (character === quote) {
            if (quote === "'" && line[i + 1] === "'") { i += 1; continue; }
            quote = null;
          }
        } else if ((character === '"' || character === "'") && (i === 0 || /[\s:\-\[,]/.test(line[i - 1]))) {
          quote = character;
        } else if (character === "#" && (i === 0 || /\s/.test(line[i - 1]))) {
          return line.slice(0, i).replace(/\s+$/, "");
        }
      }
      if (quote) fail(lineNumber, "a quoted value is not closed on its line");
      return line.replace(/\s+$/, "");
    }

    function splitKey(textOfLine, lineNumber) {
      var match = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^"'\s#][^:]*?)\s*:(?:\s+(.*))?$/.exec(textOfLine);
      if (!match) return null;
      var key = match[1];
      if (key[0] === '"' || key[0] === "'") key = scalar(key, lineNumber);
      return { key: key, rest: match[2] === undefined ? "" : match[2] };
    }

    function scalar(value, lineNumber) {
      if (value === "" || value === "~" || value === "null" || value === "Null" || value === "NULL") return null;
      var first = value[0];
      if (first === "&" || first === "*" || first === "!") {
        fail(lineNumber, "anchors, aliases and tags are not allowed in a record: write the value out in full");
      }
      if (first === '"') {
        if (!/^"(?:[^"\\]|\\.)*"$/.test(value)) fail(lineNumber, "a quoted value is not closed properly");
        try {
          return JSON.parse(value.replace(/\\x([0-9a-fA-F]{2})/g, "\\u00$1").replace(/\\ /g, " ")
            .replace(/\\\//g, "/").replace(/\\N/g, "\\u0085").replace(/\\_/g, "\\u00a0")
            .replace(/\\0/g, "\\u0000").replace(/\\e/g, "\\u001b").replace(/\\a/g, "\\u0007")
            .replace(/\\v/g, "\\u000b").replace(/\\L/g, "\\u2028").replace(/\\P/g, "\\u2029"));
        } catch (error) {
          fail(lineNumber, "a quoted value has an escape YAML does not know");
        }
      }
      if (first === "'") {
        if (!/^'(?:[^']|'')*'$/.test(value)) fail(lineNumber, "a quoted value is not closed properly");
        return value.slice(1, -1).replace(/''/g, "'");
      }
      if (value === "[]") return [];
      if (first === "[" || first === "{") fail(lineNumber, "lists and mappings written on one line are not allowed " +
        "in a record, except [] for an empty list");
      if (/:\s/.test(value) || /:$/.test(value)) {
        fail(lineNumber, "a value holds ': ', which YAML reads as a new field: put the value in double quotes");
      }
      return value;
    }

    // Lines more indented than `indent` that follow a value: a value continued (plain), or a block of text.
    function continuation(indent, first, style) {
      var parts = first === null ? [] : [first];
      while (position < rows.length && rows[position].indent > indent) {
        parts.push(style ? rows[position].raw.slice(Math.min(rows[position].indent, indent + 2)).replace(/\s+$/, "")
                         : rows[position].text);
        position += 1;
      }
      return parts;
    }

    function value(rest, indent, lineNumber) {
      if (rest === "|" || rest === ">" || /^[|>][+-]?$/.test(rest)) {
        var block = continuation(indent, null, rest[0]);
        return rest[0] === "|" ? block.join("\n") : block.join(" ");
      }
      var single = scalar(rest, lineNumber);
      if (typeof single === "string" && rest[0] !== '"' && rest[0] !== "'") {
        return continuation(indent, single, null).join(" ");
      }
      if (position < rows.length && rows[position].indent > indent) {
        fail(rows[position].number, "this line is indented more than the line before it expects");
      }
      return single;
    }

    function node(indent) {
      var row = rows[position];
      if (row.text === "-" || row.text.indexOf("- ") === 0) return sequence(row.indent);
      if (splitKey(row.text, row.number)) return mapping(row.indent);
      position += 1;
      return value(row.text, indent, row.number);
    }

    function remember(container, key, line) {
      if (!container.__lines) Object.defineProperty(container, "__lines", { value: {}, enumerable: false });
      container.__lines[key] = line;
    }

    function mapping(indent) {
      var result = {};
      while (position < rows.length && rows[position].indent === indent) {
        var row = rows[position];
        if (row.text === "-" || row.text.indexOf("- ") === 0) break;
        var pair = splitKey(row.text, row.number);
        if (!pair) fail(row.number, "expected a field such as `name: value`");
        if (Object.prototype.hasOwnProperty.call(result, pair.key)) {
          fail(row.number, "the field " + pair.key + " is given twice");
        }
        remember(result, pair.key, row.number);
        position += 1;
        if (pair.rest === "") {
          var next = rows[position];
          if (next && next.indent > indent) result[pair.key] = node(indent);
          else if (next && next.indent === indent && (next.text === "-" || next.text.indexOf("- ") === 0)) {
            result[pair.key] = sequence(indent);
          } else result[pair.key] = null;
        } else {
          result[pair.key] = value(pair.rest, indent, row.number);
        }
      }
      if (position < rows.length && rows[position].indent > indent) {
        fail(rows[position].number, "this line is indented more than the line before it expects");
      }
      return result;
    }

    function sequence(indent) {
      var result = [];
      while (position < rows.length && rows[position].indent === indent &&
             (rows[position].text === "-" || rows[position].text.indexOf("- ") === 0)) {
        var row = rows[position];
        remember(result, result.length, row.number);
        var rest = row.text === "-" ? "" : row.text.slice(2).replace(/^ +/, "");
        if (rest === "") {
          position += 1;
          result.push(position < rows.length && rows[position].indent > indent ? node(indent) : null);
        } else {
          // The item's own text starts a deeper level, as if it were on a line of its own.
          var offset = row.raw.indexOf(rest, row.indent + 1);
          rows[position] = { number: row.number, indent: offset, text: rest, raw: row.raw };
          result.push(node(indent));
        }
      }
      return result;
    }

    var parsed = node(-1);
    if (position < rows.length) fail(rows[position].number, "this line does not fit the indentation of the lines above");
    return parsed;
  }

  var FIELDS = {
    record: ["name", "role", "target", "targets", "appraiser", "next_review", "priorities", "held", "working_towards",
             "not_yet_assessed"],
    held: ["code", "evidence", "date", "confirmed_by", "confirmed_on", "confirmed_edition", "rejected_by",
           "rejected_on"],
    working_towards: ["code", "target_date", "plan"],
    not_yet_assessed: ["code"]
  };
  var STATUS_OF_LIST = { held: "held", working_towards: "working_towards", not_yet_assessed: "not_assessed" };

  // A date as ldcf reads one: YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY (day first, D/M/YYYY too), each of the
  // calendar; given back as YYYY-MM-DD (or YYYY-MM, or YYYY), or null when it is none.
  function calendarDate(value) {
    var uk = UK_DATE.exec(value);
    function twoDigits(part) { return part.length === 1 ? "0" + part : part; }
    var text = uk ? uk[3] + "-" + twoDigits(uk[2]) + "-" + twoDigits(uk[1]) : value;
    if (!DATE.test(text)) return null;
    var parts = text.split("-").map(Number), year = parts[0], month = parts[1] || 1, day = parts[2] || 1;
    var date = new Date(Date.UTC(year, month - 1, day));
    var real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    return real ? text : null;
  }

  // A record, checked as `ldcf gap --have` checks one where the browser can: its fields, its roles and codes
  // known to this framework, each competence and each target once, and dates of the calendar.
  function checkedRecord(parsed) {
    function lineOf(container, key) { return container && container.__lines ? container.__lines[key] : undefined; }
    function fail(line, why) { throw { line: line, message: why }; }
    function text(container, key, line, oneLine) {
      var value = container[key];
      if (value === null || value === undefined) return undefined;
      if (typeof value !== "string" || !value.trim()) fail(line, key + " must be text");
      if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/.test(value)) {
        fail(line, key + " holds a control or invisible character");
      }
      if (oneLine && /[\n\r]/.test(value)) fail(line, key + " must be one line");
      return value.trim();
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      fail(1, "a record is a list of fields such as name, role and held");
    }
    Object.keys(parsed).forEach(function (key) {
      if (FIELDS.record.indexOf(key) < 0) fail(lineOf(parsed, key), "unknown field " + key);
    });
    var record = { name: text(parsed, "name", lineOf(parsed, "name"), true) || "", entries: {}, kept: {} };
    // Fields for the development plan, which the page has no input for: checked, and kept for the download.
    var appraiser = text(parsed, "appraiser", lineOf(parsed, "appraiser"), true);
    if (appraiser !== undefined) record.kept.appraiser = appraiser;
    var review = text(parsed, "next_review", lineOf(parsed, "next_review"), true);
    if (review !== undefined) {
      var reviewDate = calendarDate(review);
      if (!reviewDate || reviewDate.length < 7) {
        fail(lineOf(parsed, "next_review"), "next_review must be a date as YYYY-MM-DD or DD/MM/YYYY");
      }
      record.kept.next_review = reviewDate;
    }
    if (parsed.priorities !== null && parsed.priorities !== undefined) {
      var priorities = parsed.priorities;
      if (!Array.isArray(priorities)) fail(lineOf(parsed, "priorities"), "priorities must be a list of codes");
      record.kept.priorities = priorities.map(function (code, index) {
        var line = lineOf(priorities, index);
        if (typeof code !== "string" || !data.competence_names[lookupKey(code)]) {
          fail(line, "unknown competence " + code + " in priorities");
        }
        return data.competence_names[lookupKey(code)];
      });
    }
    ["role", "target"].forEach(function (field) {
      var name = text(parsed, field, lineOf(parsed, field), true);
      if (name === undefined) { record[field] = null; return; }
      var id = data.role_names[roleKey(name)];
      if (!id) fail(lineOf(parsed, field), "unknown role " + name);
      record[field] = id;
    });
    if (parsed.targets !== null && parsed.targets !== undefined) {
      var targets = parsed.targets, aimed = {};
      if (record.target) aimed[record.target] = true;
      if (!Array.isArray(targets)) fail(lineOf(parsed, "targets"), "targets must be a list of roles");
      record.kept.targets = targets.map(function (name, index) {
        var id = typeof name === "string" ? data.role_names[roleKey(name)] : undefined;
        if (!id) fail(lineOf(targets, index), "unknown role " + name + " in targets");
        if (aimed[id]) fail(lineOf(targets, index), "the target " + id + " is listed twice");
        aimed[id] = true;
        return id;
      });
      if (!record.target && record.kept.targets.length) record.target = record.kept.targets[0];
    }
    var seen = {};
    ["held", "working_towards", "not_yet_assessed"].forEach(function (field) {
      var list = parsed[field];
      if (list === null || list === undefined) return;
      if (!Array.isArray(list)) fail(lineOf(parsed, field), field + " must be a list of competences");
      list.forEach(function (item, index) {
        var line = lineOf(list, index);
        if (!item || typeof item !== "object" || Array.isArray(item)) {
          fail(line, "each entry of " + field + " needs a code, such as `- code: GEN97`");
        }
        Object.keys(item).forEach(function (key) {
          if (FIELDS[field].indexOf(key) < 0) fail(lineOf(item, key), "unknown field " + key);
        });
        var code = text(item, "code", lineOf(item, "code") || line, true);
        if (code === undefined) fail(line, "an entry of " + field + " has no code");
        var key = data.competence_names[lookupKey(code)];
        if (!key) fail(lineOf(item, "code") || line, "unknown competence " + code);
        if (seen[key]) fail(lineOf(item, "code") || line, key + " is listed twice");
        seen[key] = true;
        var kept = { status: STATUS_OF_LIST[field], evidence: "", date: "" };
        if (field === "not_yet_assessed") kept.listed = "yes";
        FIELDS[field].slice(1).forEach(function (name) {
          var value = text(item, name, lineOf(item, name) || line, name !== "evidence" && name !== "plan");
          if (value === undefined) return;
          if (/date|_on$/.test(name)) {
            value = calendarDate(value);
            if (!value) {
              fail(lineOf(item, name) || line, name + " must be a date of the calendar as YYYY-MM-DD, YYYY-MM, " +
                   "YYYY or DD/MM/YYYY");
            }
          }
          if (name === "confirmed_edition" && !/^[0-9a-f]{16}$/.test(value)) {
            fail(lineOf(item, name) || line, "confirmed_edition must be 16 digits 0-9 and letters a-f, as " +
                 "`ldcf team import` writes it");
          }
          kept[name === "target_date" ? "date" : name] = value;
        });
        record.entries[key] = kept;
      });
    });
    return record;
  }

  function openRecord(file) {
    if (!file) return;
    if (file.size > MOST_RECORD_BYTES) {
      say(file.name + " is too large to be a record. Nothing was changed.", true);
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      var record;
      try {
        record = checkedRecord(parseYaml(String(reader.result)));
      } catch (problem) {
        if (!problem || problem.message === undefined || problem.line === undefined) throw problem;
        say(file.name + " is not a record this page can open: line " + problem.line + ": " + problem.message +
            ". Nothing was changed.", true);
        return;
      }
      // A record without a target keeps the aim chosen on the page, or else aims at the next role up.
      var keepAim = !record.target && state.targetChosen;
      state = { name: record.name, role: record.role || state.role,
                target: record.target || (keepAim ? state.target : null),
                targetChosen: Boolean(record.target) || keepAim, entries: record.entries, kept: record.kept };
      if (!state.target) state.target = nextRoleUp(roles[state.role]).id;
      save();
      renderAll();
      var counts = { held: 0, working_towards: 0, not_assessed: 0 };
      Object.keys(record.entries).forEach(function (key) { counts[record.entries[key].status] += 1; });
      say("Opened " + file.name + ": " + plural(counts.held, "competence", "competences") + " held and " +
          counts.working_towards + " working towards.", false);
    };
    reader.onerror = function () { say("Your browser could not read " + file.name + ". Nothing was changed.", true); };
    reader.readAsText(file);
  }

  // Printing -----------------------------------------------------------------------------------------------------

  function printable() {
    var found = results(), today = new Date().toISOString().slice(0, 10);
    var container = document.getElementById("printable");
    container.textContent = "";

    function details(pairs) {
      var list = element("dl", null, { "class": "summary-list" });
      pairs.forEach(function (pair) {
        var row = element("div");
        row.appendChild(element("dt", pair[0]));
        row.appendChild(element("dd", pair[1] || " "));
        list.appendChild(row);
      });
      return list;
    }

    function table(headings, rows, className) {
      var made = element("table", null, { "class": className });
      var head = element("thead"), headRow = element("tr");
      headings.forEach(function (name) { headRow.appendChild(element("th", name, { scope: "col" })); });
      head.appendChild(headRow);
      made.appendChild(head);
      var body = element("tbody");
      rows.forEach(function (cells) {
        var row = element("tr");
        cells.forEach(function (cell) { row.appendChild(element("td", cell)); });
        body.appendChild(row);
      });
      made.appendChild(body);
      return made;
    }

    function signatures(people) {
      return table(["Signed by", "Signature", "Date"], people.map(function (who) { return [who, "", ""]; }),
                   "signature-table");
    }

    var form = element("section", null, { "class": "print-form" });
    form.appendChild(element("h2", "Self-assessment for supervision"));
    form.appendChild(details([["Name", state.name], ["Current role", found.current.title + " (level " +
      found.current.level + ")"], ["Aiming for", found.target.title + " (level " + found.target.level + ")"],
      ["Date", today]]));
    form.appendChild(element("p", "You have " + found.held.length + " of the " + found.needed.length +
      " competences " + framework.withArticle(found.target.title) + " needs."));
    var statusNames = { held: "Held", working_towards: "Working towards", not_assessed: "Not yet assessed" };
    var keys = found.needed.slice();
    Object.keys(state.entries).forEach(function (key) {
      if (keys.indexOf(key) < 0 && statusOf(key) !== "not_assessed") keys.push(key);
    });
    form.appendChild(table(["Code", "Competence", "Status", "Evidence", "Date"], keys.map(function (key) {
      var known = state.entries[key] || {};
      var status = rejected(key) ? "Held, not accepted at review" : statusNames[statusOf(key)];
      return [codeOf(key) || "No code", titleOf(key), status, known.evidence || "", known.date || ""];
    }), "print-table"));
    var signOff = element("div", null, { "class": "sign-off" });
    signOff.appendChild(element("h3", "Supervisor's comments"));
    signOff.appendChild(element("div", null, { "class": "write-box" }));
    signOff.appendChild(signatures(["Staff member", "Supervisor"]));
    form.appendChild(signOff);

    var plan = element("section", null, { "class": "print-plan" });
    plan.appendChild(element("h2", "Development plan: towards " + found.target.title));
    plan.appendChild(details([["Name", state.name], ["Current role", found.current.title], ["Date", today]]));
    if (!found.toAcquire.length) {
      plan.appendChild(element("p", "Nothing is left to acquire for this role."));
    } else {
      plan.appendChild(table(["Code", "Competence", "How I will achieve it", "Support needed", "Target date",
        "Review date"], found.toAcquire.map(function (key) {
        var known = state.entries[key] || {};
        return [codeOf(key) || "No code", titleOf(key), known.plan || "", "",
                statusOf(key) === "working_towards" ? known.date || "" : "", ""];
      }), "print-table"));
    }
    var agreed = element("div", null, { "class": "sign-off" });
    agreed.appendChild(element("h3", "Agreed"));
    agreed.appendChild(signatures(["Staff member", "Supervisor"]));
    plan.appendChild(agreed);
    container.appendChild(form);
    container.appendChild(plan);
  }

  // Wiring -------------------------------------------------------------------------------------------------------

  restore();
  var parameters = new URLSearchParams(window.location.search);
  if (roles.hasOwnProperty(parameters.get("role"))) state.role = parameters.get("role");
  if (roles.hasOwnProperty(parameters.get("target"))) {
    state.target = parameters.get("target");
    state.targetChosen = true;
  }
  document.getElementById("assessment").hidden = false;
  renderAll();
  if (!storage) {
    say("Your browser is not keeping answers on this computer, so they will be lost when you close the page. " +
        "Download your record to keep them.", true);
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  nameInput.addEventListener("input", function () { state.name = nameInput.value; save(); });
  roleSelect.addEventListener("change", function () {
    state.role = roleSelect.value;
    if (!state.targetChosen) state.target = nextRoleUp(roles[state.role]).id;  // the aim follows until chosen
    targetSelect.value = state.target;
    changed(true);
  });
  targetSelect.addEventListener("change", function () {
    state.target = targetSelect.value;
    state.targetChosen = true;
    changed(true);
  });
  document.querySelector("button[name=download]").addEventListener("click", download);
  document.querySelector("button[name=print]").addEventListener("click", function () {
    printable();
    window.print();
  });
  window.addEventListener("beforeprint", printable);
  document.querySelector("button[name=clear]").addEventListener("click", function () {
    if (!window.confirm("Clear all your answers from this browser? Download your record first if you want to " +
                        "keep them.")) return;
    if (storage) { try { storage.removeItem(STORAGE_KEY); } catch (error) { /* nothing kept to remove */ } }
    var role = state.role, target = state.target;
    state = emptyState();
    state.role = role;
    state.target = target;
    renderAll();
    say("Your answers were cleared from this browser.", false);
  });
  document.getElementById("record-file").addEventListener("change", function (event) {
    openRecord(event.target.files[0]);
    event.target.value = "";
  });
}());
