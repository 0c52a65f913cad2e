// The search page: competences by code or printed spelling, then by the words of their titles, scored as
// `ldcf competence search` scores them (ldcf/search.py, ldcf/relevance.py). The site has no stemmer: a query
// word is stemmed as the same word in a title was when the site was built, or by the longest stem it starts with.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("ldcf-search-data").textContent);
  var ignored = {};
  data.ignored.forEach(function (word) { ignored[word] = true; });
  var stems = Object.keys(data.frequency).concat(Object.keys(data.same_meaning)).sort(function (a, b) {
    return b.length - a.length;
  });
  var variants = [
    [/\bhealth care\b/g, "healthcare"], [/\bwell[ -]?being\b/g, "wellbeing"], [/\bbehavior/g, "behaviour"],
    [/\borganiz/g, "organis"], [/\bmulti[ -]/g, "multi"], [/\binter[ -]/g, "inter"]
  ];

  function titleKey(text) {
    var key = text.toLowerCase().replace(/['\u2019]/g, "");
    variants.forEach(function (variant) { key = key.replace(variant[0], variant[1]); });
    return key.replace(/[^a-z0-9]+/g, " ").trim().split(/\s+/).filter(Boolean).join(" ");
  }

  function lookupKey(name) { return name.replace(/\s+/g, "").toLowerCase(); }

  function stem(word) {
    var known = data.vocabulary[word];
    if (known === undefined) {
      known = word;
      for (var i = 0; i < stems.length; i += 1) {
        if (stems[i].length >= 4 && word.indexOf(stems[i]) === 0) { known = stems[i]; break; }
      }
    }
    return data.same_meaning[known] || known;
  }

  function terms(text) {
    var words = titleKey(text.replace(/&/g, " and ")).match(/[a-z0-9&.]+/g) || [];
    return words.map(function (word) { return word.replace(/^\.+|\.+$/g, ""); })
      .filter(function (word) { return word.length > 2 && !ignored[word]; })
      .map(stem);
  }

  function weight(term) { return Math.log((data.count + 1) / (data.frequency[term] + 0.5)); }

  // Python's round(): halves to the even neighbour.
  function round(value) {
    var floor = Math.floor(value), rest = value - floor;
    if (rest > 0.5) return floor + 1;
    if (rest < 0.5) return floor;
    return floor % 2 === 0 ? floor : floor + 1;
  }

  // How alike two titles are whatever the order of their words, as rapidfuzz's token_sort_ratio measures it:
  // twice the longest common subsequence of the sorted words over their combined length.
  function tokenSortRatio(a, b) {
    a = a.split(" ").filter(Boolean).sort().join(" ");
    b = b.split(" ").filter(Boolean).sort().join(" ");
    if (!a.length && !b.length) return 100;
    var previous = new Array(b.length + 1).fill(0), current = new Array(b.length + 1).fill(0);
    for (var i = 1; i <= a.length; i += 1) {
      for (var j = 1; j <= b.length; j += 1) {
        current[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
      }
      var swap = previous; previous = current; current = swap;
    }
    var total = a.length + b.length;
    return (1 - (total - 2 * previous[b.length]) / total) * 100;
  }

  function search(query) {
    var key = lookupKey(query), found = [], seen = {};
    data.competences.forEach(function (competence) {
      var names = competence[3], score = 0;
      if (names.indexOf(key) >= 0) score = 100;
      else if (key && names.some(function (name) { return name.indexOf(key) === 0; })) score = 80;
      if (score) { found.push({ competence: competence, score: score }); seen[competence[0]] = true; }
    });
    if (/[A-Za-z]{3,}/.test(query)) {
      var wanted = {};
      terms(query).forEach(function (term) { wanted[term] = true; });
      var words = {};
      (query.match(/\S+/g) || []).forEach(function (word) { words[word.toLowerCase()] = true; });
      var queryKey = titleKey(query), scored = [];
      data.competences.forEach(function (competence, index) {
        var named = competence[5].some(function (name) { return words[name]; });
        if (named) { scored.push([100, 1, index]); return; }
        var title = competence[4], shared = title.filter(function (term) { return wanted[term]; });
        if (!shared.length) return;
        var sharedWeight = shared.reduce(function (sum, term) { return sum + weight(term); }, 0);
        var covered = sharedWeight / title.reduce(function (sum, term) { return sum + weight(term); }, 0);
        if (shared.length === 1 && title.length > 1 && data.frequency[shared[0]] > data.rare) covered /= 2;
        var similar = queryKey.length <= data.longest_restatement ? tokenSortRatio(queryKey, competence[6]) : 0;
        scored.push([Math.max(round(100 * covered), round(similar)), sharedWeight, index]);
      });
      scored.sort(function (a, b) { return b[0] - a[0] || b[1] - a[1] || a[2] - b[2]; });
      scored.forEach(function (item) {
        var competence = data.competences[item[2]], score = round(data.title_score * item[0] / 100);
        if (item[0] >= 1 && score && !seen[competence[0]]) {
          found.push({ competence: competence, score: score });
          seen[competence[0]] = true;
        }
      });
    }
    return found.map(function (item, order) { return [item, order]; })
      .sort(function (a, b) { return b[0].score - a[0].score || a[1] - b[1]; })
      .map(function (pair) { return pair[0]; });
  }

  function show(query) {
    var result = document.getElementById("search-result");
    result.textContent = "";
    var found = search(query);
    var heading = document.createElement("h2");
    heading.textContent = found.length + " competence" + (found.length === 1 ? "" : "s") + " matching \u201c" + query + "\u201d";
    result.appendChild(heading);
    var list = document.createElement("ol");
    list.setAttribute("data-section", "matches");
    found.forEach(function (item) {
      var competence = item.competence;
      var entry = document.createElement("li");
      entry.setAttribute("data-code", competence[0]);
      entry.setAttribute("data-score", String(item.score));
      var link = document.createElement("a");
      link.href = "competences/" + competence[7] + ".html";
      link.textContent = competence[1] || "Not a NOS";
      entry.appendChild(link);
      entry.appendChild(document.createTextNode(" " + competence[2]));
      list.appendChild(entry);
    });
    result.appendChild(list);
  }

  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    document.getElementById("q").value = query;
    show(query);
  }
}());
