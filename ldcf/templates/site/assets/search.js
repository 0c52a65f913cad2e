// The search page: roles by their names and words, then competences by code or alias and by the words of their
// titles, scored as `ldcf competence search` scores them (ldcf/queries/search.py, ldcf/queries/relevance.py).
// Words are stemmed by the rules of Snowball's English stemmer, as the command line stems them; a word of a title
// keeps the stem it was given when the site was built. A word found in no title or role, within one or two
// letters of one that is, is read as that word, and the page asks "Did you mean ...?".
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("ldcf-search-data").textContent);
  var own = Object.prototype.hasOwnProperty;

  function get(object, key) { return own.call(object, key) ? object[key] : undefined; }

  function set(keys) {
    var found = Object.create(null);
    keys.forEach(function (key) { found[key] = true; });
    return found;
  }

  var ignored = set(data.ignored);

  // Snowball's English stemmer (english.sbl of Snowball 3, snowballstem.org, BSD licence), rule for rule as the
  // snowballstemmer package that the command line uses runs it; tests/browser/test_search_in_chromium.py compares
  // the two word for word.
  var stemWord = (function () {
    var V = "aeiouy", V_WXY = "Yaeiouwxy", VALID_LI = "cdeghkmnrt", AEO = "aeo";
    function among(entries) {  // [string, result] pairs, longest first: Snowball takes the longest that fits
      return entries.slice().sort(function (a, b) { return b[0].length - a[0].length; });
    }
    var A0 = among([["arsen", -1], ["commun", -1], ["emerg", -1], ["gener", -1], ["inter", -1], ["later", -1],
      ["organ", -1], ["past", -1], ["univers", -1]]);
    var A1 = among([["'", 1], ["'s'", 1], ["'s", 1]]);
    var A2 = among([["ied", 2], ["s", 3], ["ies", 2], ["sses", 1], ["ss", -1], ["us", -1]]);
    var A3 = among([["succ", 1], ["proc", 1], ["exc", 1]]);
    var A4 = among([["even", 2], ["cann", 2], ["inn", 2], ["earr", 2], ["herr", 2], ["out", 2], ["y", 1]]);
    var A5 = among([["", -1], ["ed", 2], ["eed", 1], ["ing", 3], ["edly", 2], ["eedly", 1], ["ingly", 2]]);
    var A6 = among([["", 3], ["bb", 2], ["dd", 2], ["ff", 2], ["gg", 2], ["bl", 1], ["mm", 2], ["nn", 2],
      ["pp", 2], ["rr", 2], ["at", 1], ["tt", 2], ["iz", 1]]);
    var A7 = among([["anci", 3], ["enci", 2], ["ogi", 14], ["li", 16], ["bli", 12], ["abli", 4], ["alli", 8],
      ["fulli", 9], ["lessli", 15], ["ousli", 10], ["entli", 5], ["aliti", 8], ["biliti", 12], ["iviti", 11],
      ["tional", 1], ["ational", 7], ["alism", 8], ["ation", 7], ["ization", 6], ["izer", 6], ["ator", 7],
      ["iveness", 11], ["fulness", 9], ["ousness", 10], ["ogist", 13]]);
    var A7_TO = [null, "tion", "ence", "ance", "able", "ent", "ize", "ate", "al", "ful", "ous", "ive", "ble", "og",
      null, "less"];
    var A8 = among([["icate", 4], ["ative", 6], ["alize", 3], ["iciti", 4], ["ical", 4], ["tional", 1],
      ["ational", 2], ["ful", 5], ["ness", 5]]);
    var A8_TO = [null, "tion", "ate", "al", "ic", ""];
    var A9 = among([["ic", 1], ["ance", 1], ["ence", 1], ["able", 1], ["ible", 1], ["ate", 1], ["ive", 1],
      ["ize", 1], ["iti", 1], ["al", 1], ["ism", 1], ["ion", 2], ["er", 1], ["ous", 1], ["ant", 1], ["ent", 1],
      ["ment", 1], ["ement", 1]]);
    var A10 = among([["e", 1], ["l", 2]]);
    var A11 = among([["andes", -1], ["atlas", -1], ["bias", -1], ["cosmos", -1], ["early", 6], ["gently", 4],
      ["howe", -1], ["idly", 3], ["news", -1], ["only", 7], ["singly", 8], ["skies", 2], ["skis", 1], ["sky", -1],
      ["ugly", 5]]);
    var A11_TO = ["ski", "sky", "idl", "gentl", "ugli", "earli", "onli", "singl"];

    var s, cursor, limit, lb, bra, ket, p1, p2;

    function has(group, position) {
      return position >= 0 && position < s.length && group.indexOf(s.charAt(position)) >= 0;
    }
    function inGrouping(group) {
      if (cursor >= limit || !has(group, cursor)) return false;
      cursor += 1; return true;
    }
    function goInGrouping(group) {  // forwards past letters of the group
      while (cursor < limit) { if (!has(group, cursor)) return true; cursor += 1; }
      return false;
    }
    function goOutGrouping(group) {  // forwards past letters outside the group
      while (cursor < limit) { if (has(group, cursor)) return true; cursor += 1; }
      return false;
    }
    function inGroupingB(group) {
      if (cursor <= lb || !has(group, cursor - 1)) return false;
      cursor -= 1; return true;
    }
    function outGroupingB(group) {
      if (cursor <= lb || has(group, cursor - 1)) return false;
      cursor -= 1; return true;
    }
    function goOutGroupingB(group) {
      while (cursor > lb) { if (has(group, cursor - 1)) return true; cursor -= 1; }
      return false;
    }
    function eqSB(text) {
      if (cursor - lb < text.length || s.slice(cursor - text.length, cursor) !== text) return false;
      cursor -= text.length; return true;
    }
    function findAmong(entries) {  // the longest entry that starts at the cursor
      for (var i = 0; i < entries.length; i += 1) {
        var text = entries[i][0];
        if (limit - cursor >= text.length && s.slice(cursor, cursor + text.length) === text) {
          cursor += text.length; return entries[i][1];
        }
      }
      return 0;
    }
    function findAmongB(entries) {  // the longest entry that ends at the cursor
      for (var i = 0; i < entries.length; i += 1) {
        var text = entries[i][0];
        if (cursor - lb >= text.length && s.slice(cursor - text.length, cursor) === text) {
          cursor -= text.length; return entries[i][1];
        }
      }
      return 0;
    }
    function sliceFrom(text) {
      var adjustment = text.length - (ket - bra);
      s = s.slice(0, bra) + text + s.slice(ket);
      limit += adjustment;
      if (cursor >= ket) cursor += adjustment;
      else if (cursor > bra) cursor = bra;
      ket = bra + text.length;
    }
    function r1() { return p1 <= cursor; }
    function r2() { return p2 <= cursor; }

    function prelude() {
      var found = false, start = cursor;
      bra = cursor;
      if (cursor < limit && s.charAt(cursor) === "'") { cursor += 1; ket = cursor; sliceFrom(""); }
      cursor = start;
      bra = cursor;
      if (cursor < limit && s.charAt(cursor) === "y") { cursor += 1; ket = cursor; sliceFrom("Y"); found = true; }
      cursor = start;
      for (;;) {  // every y after a vowel
        var before = cursor, hit = false;
        for (;;) {
          var at = cursor;
          if (inGrouping(V)) {
            bra = cursor;
            if (cursor < limit && s.charAt(cursor) === "y") {
              cursor += 1; ket = cursor; cursor = at; hit = true; break;
            }
          }
          cursor = at;
          if (cursor >= limit) break;
          cursor += 1;
        }
        if (!hit) { cursor = before; break; }
        sliceFrom("Y");
        found = true;
      }
      cursor = start;
      return found;
    }

    function markRegions() {
      p1 = limit; p2 = limit;
      var start = cursor;
      regions: {
        if (findAmong(A0) === 0) {
          if (!goOutGrouping(V)) break regions;
          cursor += 1;
          if (!goInGrouping(V)) break regions;
          cursor += 1;
        }
        p1 = cursor;
        if (!goOutGrouping(V)) break regions;
        cursor += 1;
        if (!goInGrouping(V)) break regions;
        cursor += 1;
        p2 = cursor;
      }
      cursor = start;
    }

    function shortV() {
      var end = limit - cursor;
      if (outGroupingB(V_WXY) && inGroupingB(V) && outGroupingB(V)) return true;
      cursor = limit - end;
      if (outGroupingB(V) && inGroupingB(V) && cursor <= lb) return true;
      cursor = limit - end;
      return eqSB("past");
    }

    function step1a() {
      var end = limit - cursor;
      ket = cursor;
      if (findAmongB(A1) === 0) cursor = limit - end;
      else { bra = cursor; sliceFrom(""); }
      ket = cursor;
      var found = findAmongB(A2);
      if (found === 0) return;
      bra = cursor;
      if (found === 1) sliceFrom("ss");
      else if (found === 2) {
        var back = limit - cursor;
        if (cursor - 2 >= lb) { cursor -= 2; sliceFrom("i"); } else { cursor = limit - back; sliceFrom("ie"); }
      } else if (found === 3) {
        if (cursor <= lb) return;
        cursor -= 1;
        if (!goOutGroupingB(V)) return;
        cursor -= 1;
        sliceFrom("");
      }
    }

    function step1b() {
      ket = cursor;
      var found = findAmongB(A5);
      bra = cursor;
      var end = limit - cursor;
      ending: {
        if (found === 1) {
          var back = limit - cursor;
          if (r1()) {
            var here = limit - cursor;
            if (!(findAmongB(A3) !== 0 && cursor <= lb)) { cursor = limit - here; sliceFrom("ee"); }
          }
          cursor = limit - back;
        } else if (found === 2) {
          break ending;
        } else if (found === 3) {
          found = findAmongB(A4);
          if (found === 0) break ending;
          if (found === 1) {
            var kept = limit - cursor;
            if (!outGroupingB(V) || cursor > lb) break ending;
            cursor = limit - kept;
            bra = cursor;
            sliceFrom("ie");
          } else if (cursor > lb) break ending;
        }
        return;
      }
      cursor = limit - end;
      var vowel = limit - cursor;
      if (!goOutGroupingB(V)) return;
      cursor -= 1;
      cursor = limit - vowel;
      sliceFrom("");
      ket = cursor; bra = cursor;
      var after = limit - cursor;
      found = findAmongB(A6);
      if (found === 1) { sliceFrom("e"); return; }
      if (found === 2) {
        var doubled = limit - cursor;
        if (inGroupingB(AEO) && cursor <= lb) return;
        cursor = limit - doubled;
      } else {
        if (cursor !== p1) return;
        var before = limit - cursor;
        if (!shortV()) return;
        cursor = limit - before;
        sliceFrom("e");
        return;
      }
      cursor = limit - after;
      ket = cursor;
      if (cursor <= lb) return;
      cursor -= 1;
      bra = cursor;
      sliceFrom("");
    }

    function step1c() {
      ket = cursor;
      if (cursor <= lb || (s.charAt(cursor - 1) !== "y" && s.charAt(cursor - 1) !== "Y")) return;
      cursor -= 1;
      bra = cursor;
      if (!outGroupingB(V) || cursor <= lb) return;
      sliceFrom("i");
    }

    function step2() {
      ket = cursor;
      var found = findAmongB(A7);
      if (found === 0) return;
      bra = cursor;
      if (!r1()) return;
      if (found === 14) {
        if (cursor <= lb || s.charAt(cursor - 1) !== "l") return;
        cursor -= 1;
        sliceFrom("og");
      } else if (found === 16) {
        if (!inGroupingB(VALID_LI)) return;
        sliceFrom("");
      } else {
        sliceFrom(A7_TO[found]);
      }
    }

    function step3() {
      ket = cursor;
      var found = findAmongB(A8);
      if (found === 0) return;
      bra = cursor;
      if (!r1()) return;
      if (found === 6) {
        if (!r2()) return;
        sliceFrom("");
      } else {
        sliceFrom(A8_TO[found]);
      }
    }

    function step4() {
      ket = cursor;
      var found = findAmongB(A9);
      if (found === 0) return;
      bra = cursor;
      if (!r2()) return;
      if (found === 2) {
        if (cursor <= lb || (s.charAt(cursor - 1) !== "s" && s.charAt(cursor - 1) !== "t")) return;
        cursor -= 1;
      }
      sliceFrom("");
    }

    function step5() {
      ket = cursor;
      var found = findAmongB(A10);
      if (found === 0) return;
      bra = cursor;
      if (found === 1) {
        if (!r2()) {
          if (!r1()) return;
          var end = limit - cursor;
          if (shortV()) return;
          cursor = limit - end;
        }
        sliceFrom("");
      } else {
        if (!r2() || cursor <= lb || s.charAt(cursor - 1) !== "l") return;
        cursor -= 1;
        sliceFrom("");
      }
    }

    function exception1() {
      bra = cursor;
      var found = findAmong(A11);
      if (found === 0) return false;
      ket = cursor;
      if (cursor < limit) return false;
      if (found > 0) sliceFrom(A11_TO[found - 1]);
      return true;
    }

    return function (word) {
      s = word; cursor = 0; limit = s.length; lb = 0; bra = 0; ket = limit;
      if (exception1()) return s;
      cursor = 0;
      if (limit < 3) return s;
      var foundY = prelude();
      markRegions();
      lb = cursor; cursor = limit;
      [step1a, step1b, step1c, step2, step3, step4, step5].forEach(function (step) {
        var end = limit - cursor;
        step();
        cursor = limit - end;
      });
      return foundY ? s.replace(/Y/g, "y") : s;
    };
  }());

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

  var stems = Object.create(null);  // remembered, since a search asks for the same words again and again

  function stem(word) {
    var found = stems[word];
    if (found === undefined) {
      var known = get(data.vocabulary, word);
      if (known === undefined) known = stemWord(word);
      found = stems[word] = get(data.same_meaning, known) || known;
    }
    return found;
  }

  // The words of a text that carry meaning, as relevance.words finds them.
  function words(text) {
    var found = titleKey(text.replace(/&/g, " and ")).match(/[a-z0-9&.]+/g) || [];
    return found.map(function (word) { return word.replace(/^\.+|\.+$/g, ""); })
      .filter(function (word) { return word.length > 2 && !ignored[word]; });
  }

  function terms(text) { return words(text).map(stem); }

  function frequency(term) { return get(data.frequency, term) || 0; }

  function weight(term) { return Math.log((data.count + 1) / (frequency(term) + 0.5)); }

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

  function searchCompetences(query) {
    var key = lookupKey(query), found = [], seen = Object.create(null);
    data.competences.forEach(function (competence) {
      var names = competence[3], score = 0;
      if (names.indexOf(key) >= 0) score = 100;
      else if (key && names.some(function (name) { return name.indexOf(key) === 0; })) score = 80;
      if (score) { found.push({ competence: competence, score: score }); seen[competence[0]] = true; }
    });
    if (/[A-Za-z]{3,}/.test(query)) {
      var wanted = set(terms(query));
      var written = set((query.match(/\S+/g) || []).map(function (word) { return word.toLowerCase(); }));
      var queryKey = titleKey(query), scored = [];
      data.competences.forEach(function (competence, index) {
        var named = competence[5].some(function (name) { return written[name]; });
        if (named) { scored.push([100, 1, index]); return; }
        var title = competence[4], shared = title.filter(function (term) { return wanted[term]; });
        if (!shared.length) return;
        var sharedWeight = shared.reduce(function (sum, term) { return sum + weight(term); }, 0);
        var covered = sharedWeight / title.reduce(function (sum, term) { return sum + weight(term); }, 0);
        if (shared.length === 1 && title.length > 1 && frequency(shared[0]) > data.rare) covered /= 2;
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

  // Roles: [id, title, level, names, words of the title and aliases, words of the title].
  var roleStems = data.roles.map(function (role) { return role[4].map(stem); });

  // Whether a word of a search is a word of a role's names: the same stem, or (four letters or more) its start.
  function roleHas(roleWords, stems, word) {
    var wordStem = stem(word);
    return roleWords.some(function (roleWord, index) {
      return stems[index] === wordStem || (word.length >= 4 && roleWord.indexOf(word) === 0);
    });
  }

  // Roles named by the search, or having every word of it in their names; words that more than half the roles
  // share (such as "Liaison and Diversion") pick out none of them, and are passed over.
  function searchRoles(query) {
    var key = lookupKey(query), roles = data.roles;
    var most = roles.length >= 4 ? roles.length / 2 : roles.length;
    var telling = words(query).filter(function (word) {
      var count = 0;
      roles.forEach(function (role, index) { if (roleHas(role[4], roleStems[index], word)) count += 1; });
      return count <= most;
    });
    // First a role the search names, then those with the words in their title rather than only in an alias, then
    // those whose title the search covers most of (Support Worker before Peer Support Worker), then in data order.
    var found = [];
    roles.forEach(function (role, index) {
      var exact = role[3].indexOf(key) >= 0;
      var every = telling.length > 0 && telling.every(function (word) {
        return roleHas(role[4], roleStems[index], word);
      });
      if (!exact && !every) return;
      var titleStems = role[5].map(stem);
      var inTitle = telling.filter(function (word) { return roleHas(role[5], titleStems, word); }).length;
      var covered = role[5].filter(function (titleWord, at) {
        return telling.some(function (word) { return roleHas([titleWord], [titleStems[at]], word); });
      }).length;
      var rank = [exact ? 1 : 0, inTitle / (telling.length || 1), covered / (role[5].length || 1)];
      found.push({ role: role, rank: rank, index: index });
    });
    return found.sort(function (a, b) {
      for (var i = 0; i < 3; i += 1) if (a.rank[i] !== b.rank[i]) return b.rank[i] - a.rank[i];
      return a.index - b.index;
    }).map(function (item) { return item.role; });
  }

  // Spelling: the words of the titles and roles by length, for finding those within one or two letters of a word.
  var byLength = Object.create(null);
  Object.keys(data.vocabulary).forEach(function (word) {
    if (!/^[a-z]+$/.test(word)) return;
    (byLength[word.length] = byLength[word.length] || []).push(word);
  });
  var roleStemSet = set([].concat.apply([], roleStems));
  var names = [];  // of competences and roles, as lookupKey gives them: a word that starts one is no misspelling
  data.competences.forEach(function (competence) { names.push.apply(names, competence[3]); });
  data.roles.forEach(function (role) { names.push.apply(names, role[3]); });

  function startsName(word) { return names.some(function (name) { return name.indexOf(word) === 0; }); }

  // Edits (a letter added, dropped or changed, or two neighbours swapped) between two words, stopping once more
  // than `most` (the optimal string alignment distance, a restricted Damerau-Levenshtein distance).
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var before = null, previous = [], current, i, j;
    for (j = 0; j <= b.length; j += 1) previous[j] = j;
    for (i = 1; i <= a.length; i += 1) {
      current = [i];
      var least = i;
      for (j = 1; j <= b.length; j += 1) {
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current[j] = value;
        if (value < least) least = value;
      }
      if (least > most) return most + 1;
      before = previous; previous = current;
    }
    return previous[b.length];
  }

  function known(word) {
    if (word.length < 4 || ignored[word] || own.call(data.vocabulary, word)) return true;
    var wordStem = stem(word);
    return frequency(wordStem) > 0 || roleStemSet[wordStem] === true || startsName(word);
  }

  // The word of the titles and roles nearest a word that is in none of them: at most one edit away for a word of
  // four to seven letters, two for a longer one; of those equally near, the one in most titles.
  function nearest(word) {
    var most = word.length >= 8 ? 2 : 1, best = null, bestDistance = most + 1, bestCount = -1;
    for (var length = word.length - most; length <= word.length + most; length += 1) {
      (byLength[length] || []).forEach(function (candidate) {
        var edits = distance(word, candidate, most);
        if (edits > most) return;
        var count = frequency(stem(candidate));
        var better = edits < bestDistance ||
          (edits === bestDistance && (count > bestCount || (count === bestCount && candidate < best)));
        if (better) { best = candidate; bestDistance = edits; bestCount = count; }
      });
    }
    return best;
  }

  // The search with each unknown word that is near a known one replaced by it, or null if none is. Only words of
  // letters alone are read so: codes such as GEN97 or CFAM&LBA3 are left as they are.
  function corrected(query) {
    var changed = false;
    var text = query.replace(/\S+/g, function (written) {
      var parts = /^([^A-Za-z0-9]*)([A-Za-z]+)([^A-Za-z0-9&]*)$/.exec(written);
      if (!parts || known(parts[2].toLowerCase())) return written;
      var better = nearest(parts[2].toLowerCase());
      if (!better) return written;
      changed = true;
      return parts[1] + better + parts[3];
    });
    return changed ? text : null;
  }

  function search(query) {
    var suggestion = corrected(query), used = suggestion || query;
    return { query: used, suggestion: suggestion, roles: searchRoles(used), competences: searchCompetences(used) };
  }

  function element(name, text, attributes) {
    var node = document.createElement(name);
    if (text) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function searchLink(query) { return element("a", query, { href: "search.html?q=" + encodeURIComponent(query) }); }

  function count(number, one, many) { return number + " " + (number === 1 ? one : many); }

  function quoted(text) { return "\u201c" + text + "\u201d"; }

  function showNothing(result, query) {
    result.appendChild(element("h2", "No results for " + quoted(query)));
    result.appendChild(element("p", "No role or competence matches your search. You could:"));
    var tips = element("ul", "", { "data-section": "no-results" });
    tips.appendChild(element("li", "check the spelling"));
    tips.appendChild(element("li", "try fewer words, or other words that mean the same"));
    if (data.example_code) {
      var code = element("li", "search for a NOS code, such as ");
      code.appendChild(searchLink(data.example_code));
      tips.appendChild(code);
    }
    var browse = element("li", "");
    browse.appendChild(element("a", "browse the levels and roles", { href: "index.html" }));
    tips.appendChild(browse);
    result.appendChild(tips);
  }

  function show(query) {
    var result = document.getElementById("search-result");
    result.textContent = "";
    var found = search(query);
    if (found.suggestion) {
      var suggestion = element("p", "Did you mean ", { class: "search-suggestion" });
      suggestion.appendChild(searchLink(found.suggestion));
      suggestion.appendChild(document.createTextNode("?"));
      result.appendChild(suggestion);
    }
    if (!found.roles.length && !found.competences.length) {
      showNothing(result, query);
      return;
    }
    var parts = [];
    if (found.roles.length) parts.push(count(found.roles.length, "role", "roles"));
    if (found.competences.length) parts.push(count(found.competences.length, "competence", "competences"));
    var summary = "Results for " + quoted(found.query) + ": " + parts.join(" and ") + ".";
    result.appendChild(element("p", summary, { class: "search-summary" }));
    if (found.roles.length) {
      result.appendChild(element("h2", "Roles"));
      var roles = element("ul", "", { "data-section": "roles", class: "search-results" });
      found.roles.forEach(function (role) {
        var entry = element("li", "", { "data-role": role[0] });
        entry.appendChild(element("a", role[1], { href: "roles/" + role[0] + ".html" }));
        entry.appendChild(document.createTextNode(", level " + role[2]));
        roles.appendChild(entry);
      });
      result.appendChild(roles);
    }
    if (found.competences.length) {
      result.appendChild(element("h2", "Competences"));
      var list = element("ol", "", { "data-section": "matches", class: "search-results" });
      found.competences.forEach(function (item) {
        var competence = item.competence;
        var entry = element("li", "", { "data-code": competence[0], "data-score": String(item.score) });
        // As the other pages show a competence: its code linked, or "No NOS code" and its title linked.
        var page = "competences/" + competence[7] + ".html";
        if (competence[1]) {
          entry.appendChild(element("a", competence[1], { href: page }));
          entry.appendChild(document.createTextNode(" " + competence[2]));
        } else {
          entry.appendChild(element("span", "No NOS code", { class: "hint" }));
          entry.appendChild(document.createTextNode(" "));
          entry.appendChild(element("a", competence[2], { href: page }));
        }
        list.appendChild(entry);
      });
      result.appendChild(list);
    }
  }

  // For the tests and for measuring: the stemmer and the search, without the page.
  window.ldcfSearch = { stem: stemWord, search: search };

  var query = new URLSearchParams(window.location.search).get("q");
  if (query && query.trim()) {
    document.getElementById("q").value = query;
    show(query);
  }
}());
