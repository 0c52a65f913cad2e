// The roles of the framework in the browser: each role's holdings, the gap between two roles and the route
// between them, by the same rules as `ldcf gap` and `ldcf path` (ldcf/queries/gaps.py, ldcf/queries/route.py),
// from the data a page embeds (ldcf.outputs.site.compare_data). The compare and self-assessment pages use it.
var LdcfRoles = function (data) {
  "use strict";

  var categories = data.categories;
  var uncoded = {};
  data.uncoded.forEach(function (key) { uncoded[key] = true; });
  // Each role holds the core competences of its level, then its own by category, as ldcf's framework does.
  // A role's row: id, title, level, its own order of its level's core (null for the level's order), then the
  // keys it lists by category.
  var list = data.roles.map(function (row) {
    var holdings = (row[3] || data.levels[row[2]][1]).map(function (key) { return [key, 0]; });
    row.slice(4).forEach(function (keys, index) {
      keys.forEach(function (key) { holdings.push([key, index + 1]); });
    });
    return { id: row[0], title: row[1], level: row[2], holdings: holdings };
  });
  var roles = {};
  list.forEach(function (role) { roles[role.id] = role; });

  // A competence page's name: the id of an uncoded competence, else the code in lower case with "&" read as
  // "and" and each other run of characters but letters and digits as one hyphen (ldcf.outputs.site.competence_slug).
  function slug(key) {
    if (uncoded[key]) return key;
    return key.toLowerCase().replace(/['\u2019]/g, "").replace(/&/g, " and ").replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
  }

  function entry(holding) {
    var key = holding[0];
    return { key: key, code: uncoded[key] ? null : key, title: data.titles[key], slug: slug(key),
             category: categories[holding[1]] };
  }

  function gap(from, to) {
    var held = {};
    from.holdings.forEach(function (holding) { held[holding[0]] = holding; });
    var needed = {};
    to.holdings.forEach(function (holding) { needed[holding[0]] = true; });
    var toAcquire = [], retained = [];
    to.holdings.forEach(function (holding) {
      (held.hasOwnProperty(holding[0]) ? retained : toAcquire).push(entry(holding));
    });
    var noLonger = from.holdings.filter(function (holding) { return !needed.hasOwnProperty(holding[0]); }).map(entry);
    var required = toAcquire.length + retained.length;
    return { from: from, to: to, toAcquire: toAcquire, retained: retained, noLongerRequired: noLonger,
             required: required, shareMet: required ? retained.length / required : 1 };
  }

  // A* over the roles: a step moves up one level or across within a level; the route adds the fewest
  // competences in total, ties broken by fewer steps and then by the order the roles were found in. Keys are
  // numbered and sets are typed arrays, so that a national framework (a thousand roles) is searched quickly.
  var keyNumbers = {}, keyCount = 0, numbered = {};
  function numbers(role) {
    if (!numbered[role.id]) {
      numbered[role.id] = Int32Array.from(role.holdings, function (holding) {
        if (!keyNumbers.hasOwnProperty(holding[0])) keyNumbers[holding[0]] = keyCount++;
        return keyNumbers[holding[0]];
      });
    }
    return numbered[role.id];
  }

  function route(from, to) {
    if (from === to) return [];
    list.forEach(numbers);
    var byLevel = {};
    list.forEach(function (role) { (byLevel[role.level] = byLevel[role.level] || []).push(role); });
    var marks = new Uint8Array(keyCount), needed = new Uint8Array(keyCount);
    var target = numbers(to);
    target.forEach(function (key) { needed[key] = 1; });
    var stillMissingOf = {};
    function stillMissing(role) {  // what `to` needs that the role lacks: a lower bound on what a route adds
      if (!stillMissingOf.hasOwnProperty(role.id)) {
        var have = 0;
        numbers(role).forEach(function (key) { have += needed[key]; });
        stillMissingOf[role.id] = target.length - have;
      }
      return stillMissingOf[role.id];
    }
    function less(a, b) {
      for (var i = 0; i < a.length; i += 1) { if (a[i] !== b[i]) return a[i] < b[i]; }
      return false;
    }
    var heap = [];
    function push(item) {
      heap.push(item);
      var i = heap.length - 1;
      while (i > 0) {
        var parent = (i - 1) >> 1;
        if (!less(heap[i].order, heap[parent].order)) break;
        var swap = heap[i]; heap[i] = heap[parent]; heap[parent] = swap; i = parent;
      }
    }
    function pop() {
      var top = heap[0], last = heap.pop();
      if (heap.length) {
        heap[0] = last;
        var i = 0;
        for (;;) {
          var left = 2 * i + 1, right = left + 1, smallest = i;
          if (left < heap.length && less(heap[left].order, heap[smallest].order)) smallest = left;
          if (right < heap.length && less(heap[right].order, heap[smallest].order)) smallest = right;
          if (smallest === i) break;
          var swap = heap[i]; heap[i] = heap[smallest]; heap[smallest] = swap; i = smallest;
        }
      }
      return top;
    }
    var counter = 0, best = {}, previous = {};
    best[from.id] = [0, 0];
    push({ order: [stillMissing(from), 0, counter++], added: 0, role: from });
    while (heap.length) {
      var item = pop(), role = item.role, steps = item.order[1], added = item.added;
      if (role === to) break;
      if (less(best[role.id], [added, steps])) continue;
      var own = numbers(role), i, j, k;
      for (i = 0; i < own.length; i += 1) marks[own[i]] = 1;
      // A best route climbs a level a step, and crosses one only onto TO (see ldcf/queries/route.py).
      var others = role.level === to.level || role.level === to.level - 1 ? [to]
        : role.level < to.level ? byLevel[role.level + 1] || [] : [];
      for (j = 0; j < others.length; j += 1) {
        var other = others[j];
        var keys = numbers(other), adds = keys.length;
        for (k = 0; k < keys.length; k += 1) adds -= marks[keys[k]];
        var cost = [added + adds, steps + 1];
        if (!best.hasOwnProperty(other.id) || less(cost, best[other.id])) {
          best[other.id] = cost;
          previous[other.id] = role.id;
          push({ order: [cost[0] + stillMissing(other), cost[1], counter++], added: cost[0], role: other });
        }
      }
      for (i = 0; i < own.length; i += 1) marks[own[i]] = 0;
    }
    if (!best.hasOwnProperty(to.id)) return null;
    var chain = [to.id];
    while (chain[chain.length - 1] !== from.id) chain.push(previous[chain[chain.length - 1]]);
    chain.reverse();
    var gaps = [];
    for (var i = 1; i < chain.length; i += 1) gaps.push(gap(roles[chain[i - 1]], roles[chain[i]]));
    return gaps;
  }

  // How a category reads on a page, for people who do not know the framework's terms.
  var categoryNames = { "core": "Core", "role-specific": "Role-specific", "locality-specific": "Locality-specific" };

  // "a Practitioner", "an Administrator": the article a role's title takes in a sentence.
  function withArticle(title) { return (/^[aeiou]/i.test(title) ? "an " : "a ") + title; }

  return { list: list, roles: roles, gap: gap, route: route, slug: slug, entry: entry, categories: categories,
           categoryNames: categoryNames, uncoded: uncoded, withArticle: withArticle };
};
