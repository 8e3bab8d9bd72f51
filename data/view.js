/* bilat report script: interaction over the SVG that bilat drew.
 *
 * Reads the JSON block #bilat-data (see src/view.c for its fields; a tie is an array
 * [source, target, weight, score, tone, docs, first, last, counts, evidence, months]).  Text
 * from articles is only ever put into the page with textContent.  Listeners are
 * delegated to a few containers, so start-up stays fast with thousands of ties.
 * A large report carries its evidence sentences deflated in #bilat-evidence (see
 * src/view.c), unpacked here with the browser's DecompressionStream.  When all is
 * done the script sets data-ready="true" (and data-init-ms) on <html>. */
(function () {
  'use strict';
  var t0 = performance.now();
  var D = JSON.parse(document.getElementById('bilat-data').textContent);
  var S = 0, T = 1, W = 2, SCORE = 3, TONE = 4, DOCS = 5, FIRST = 6, LAST = 7, COUNTS = 8,
    EV = 9, MONTHS = 10;
  var svg = document.getElementById('graph');
  var nodeEls = [], edgeEls = [], adj = D.nodes.map(function () { return []; });
  Array.prototype.forEach.call(svg.querySelectorAll('g.n'), function (el) {
    nodeEls[+el.getAttribute('data-i')] = el;
  });
  Array.prototype.forEach.call(svg.querySelectorAll('#edges line'), function (el) {
    edgeEls[+el.getAttribute('data-e')] = el;
  });
  D.edges.forEach(function (e, k) {
    adj[e[S]].push(k);
    if (e[T] !== e[S]) adj[e[T]].push(k);
  });

  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) x.textContent = String(text);
    if (cls) x.className = cls;
    return x;
  }
  function name(i) { return D.nodes[i].label || D.nodes[i].id; }
  /* scores and tones: up to 4 decimals */
  function fmt(v) { return String(Math.round(v * 1e4) / 1e4); }

  /* ---- filters: relation types, minimum events, month ---------------------------- */
  var types = {}, minW = 1, months = [], month = -1;
  Array.prototype.forEach.call($('types').querySelectorAll('input'), function (c) {
    types[c.value] = c.checked;
  });
  function shownWeight(e) {
    var w = 0;
    for (var t = 0; t < e[COUNTS].length; t++) if (types[t]) w += e[COUNTS][t];
    return w;
  }
  /* The graph "as it stood" at a month holds the ties whose first dated event came in
   * or before that month; those with an event in the month itself are drawn bright,
   * the others (begun earlier, quiet that month) faint.  The graph keeps each tie's
   * event dates but not its events per date, so a width always shows the tie's total.
   * Ties without any date cannot be placed in time and are shown only with "all". */
  function inMonth(e) {
    return month < 0 || (e[FIRST] !== '' && e[FIRST].slice(0, 7) <= months[month]);
  }
  function activeIn(e) { return month >= 0 && e[MONTHS].indexOf(months[month]) >= 0; }
  var visible = [];
  function applyFilters() {
    var live = D.nodes.map(function () { return false; });
    D.edges.forEach(function (e, k) {
      var w = shownWeight(e), on = w > 0 && w >= minW && inMonth(e);
      visible[k] = on;
      if (on) live[e[S]] = live[e[T]] = true;
      edgeEls[k].classList.toggle('off', !on);
      edgeEls[k].classList.toggle('now', on && activeIn(e));
    });
    svg.classList.toggle('timed', month >= 0);
    nodeEls.forEach(function (n, i) {
      n.classList.toggle('idle', !live[i] && adj[i].length > 0);
    });
    if (hover >= 0) highlight(hover);
  }
  $('types').addEventListener('change', function (ev) {
    types[ev.target.value] = ev.target.checked;
    applyFilters();
  });
  $('minw').addEventListener('input', function () {
    minW = +this.value;
    $('minw-out').textContent = String(minW);
    applyFilters();
  });
  (function setupMonths() {
    var lo = '', hi = '';
    D.edges.forEach(function (e) {
      if (e[FIRST] && (!lo || e[FIRST] < lo)) lo = e[FIRST];
      if (e[LAST] && (!hi || e[LAST] > hi)) hi = e[LAST];
    });
    if (!lo) return;
    var y = +lo.slice(0, 4), m = +lo.slice(5, 7), end = hi.slice(0, 7);
    for (;;) {
      var s = y + '-' + (m < 10 ? '0' : '') + m;
      months.push(s);
      if (s >= end || months.length > 1200) break;
      if (++m > 12) { m = 1; y++; }
    }
    var r = $('month');
    r.max = String(months.length);
    r.value = String(months.length);
    $('month-box').hidden = false;
    r.addEventListener('input', function () {
      var v = +r.value;
      month = v >= months.length ? -1 : v;
      $('month-out').textContent = month < 0 ? 'all' : months[month];
      applyFilters();
    });
  })();

  /* ---- highlight and the side panel --------------------------------------------- */
  var hover = -1, pinned = -1, lit = [];
  function clearLit() {
    lit.forEach(function (x) { x.classList.remove('hl', 'sel'); });
    lit = [];
  }
  function light(x, cls) { x.classList.add(cls || 'hl'); lit.push(x); }
  function highlight(i) {
    clearLit();
    hover = i;
    svg.classList.toggle('focus', i >= 0);
    if (i < 0) return;
    light(nodeEls[i], 'sel');
    adj[i].forEach(function (k) {
      if (!visible[k]) return;
      var e = D.edges[k];
      light(edgeEls[k]);
      light(nodeEls[e[S] === i ? e[T] : e[S]]);
    });
  }
  /* Names go into <bdi>, so an Arabic name does not reorder the English around it. */
  function bdi(text) { return el('bdi', text); }
  function fill(x, parts) {
    while (x.firstChild) x.removeChild(x.firstChild);
    parts.forEach(function (p) {
      x.appendChild(typeof p === 'string' ? document.createTextNode(p) : p);
    });
    return x;
  }
  function panel(title) {
    fill($('panel-title'), title);
    return fill($('panel-body'), []);
  }
  function table(rows) {
    var t = el('table');
    rows.forEach(function (r) {
      var tr = el('tr');
      tr.appendChild(el('th', r[0]));
      tr.appendChild(el('td', r[1]));
      t.appendChild(tr);
    });
    return t;
  }
  function edgeButton(k, from) {
    var e = D.edges[k], other = e[S] === from ? e[T] : e[S];
    /* in a directed graph, whether the tie goes out to the partner or comes in */
    var way = !D.directed ? '' : e[S] === from ? '\u2192 ' : '\u2190 ';
    var b = fill(el('button', null, 'link'),
      [way, bdi(name(other)), ' \u2014 ' + e[W] + (e[W] === 1 ? ' event' : ' events') +
        ', tone ' + fmt(e[TONE])]);
    b.type = 'button';
    b.addEventListener('click', function () { showEdge(k); });
    return b;
  }
  function showNode(i) {
    var n = D.nodes[i];
    var body = panel([bdi(name(i)), ' (' + n.id + ')']);
    var rows = [['kind', n.org ? 'organization' : 'state']];
    if (n.label_en && n.label_en !== n.label) rows.push(['English', n.label_en]);
    /* the measures as the ranked table prints them (the numbers of bilat analyze) */
    var heads = document.querySelectorAll('#ranking thead th'), tr = rowOf[i];
    for (var c = 3; c < heads.length; c++) rows.push([heads[c].textContent, tr.cells[c].textContent]);
    rows.splice(2, 0, ['rank by ' + D.size_by, tr.cells[0].textContent]);
    rows.push(['mentions', n.mentions], ['component', n.component]);
    body.appendChild(table(rows));
    var ks = adj[i].slice().sort(function (a, b) {
      return D.edges[b][W] - D.edges[a][W] || a - b;
    });
    body.appendChild(el('h3', 'Partners (' + ks.length + ')'));
    var ul = el('ul', null, 'partners');
    ks.forEach(function (k) {
      var li = el('li');
      if (!visible[k]) li.className = 'filtered';
      li.appendChild(edgeButton(k, i));
      ul.appendChild(li);
    });
    body.appendChild(ul);
  }
  function showEdge(k) {
    var e = D.edges[k];
    highlight(-1);
    svg.classList.add('focus');
    light(edgeEls[k]);
    light(nodeEls[e[S]], 'sel');
    light(nodeEls[e[T]], 'sel');
    var body = panel([bdi(name(e[S])), D.directed ? ' \u2192 ' : ' \u2014 ', bdi(name(e[T]))]);
    body.appendChild(table([
      ['events', e[W]], ['score', fmt(e[SCORE])], ['tone', fmt(e[TONE])],
      ['articles', e[DOCS]], ['first date', e[FIRST] || '\u2013'],
      ['last date', e[LAST] || '\u2013']]));
    body.appendChild(el('h3', 'Events by type'));
    body.appendChild(table(D.types.map(function (t, j) { return [t, e[COUNTS][j]]; })
      .filter(function (r) { return r[1] > 0; })));
    body.appendChild(el('h3', 'Evidence'));
    var ol = el('ol', null, 'evidence');
    e[EV].forEach(function (x) {
      var li = el('li');
      li.appendChild(el('blockquote', D.sentences ? D.sentences[x[2]]
        : '(this browser could not unpack the evidence)')).dir = 'auto';
      li.appendChild(fill(el('cite'), [bdi(D.docs[x[0]]), x[1] ? ', ' + x[1] : '']));
      ol.appendChild(li);
    });
    if (!e[EV].length) ol.appendChild(el('li', 'no evidence kept'));
    body.appendChild(ol);
    pinned = -2;
    remember(D.nodes[e[S]].id + ',' + D.nodes[e[T]].id);
  }
  function select(i) {
    pinned = i;
    highlight(i);
    showNode(i);
    remember(D.nodes[i].id);
  }
  /* The selection goes into the address (#SAU or #SAU,SOM) so it can be shared. */
  function remember(h) {
    try { history.replaceState(null, '', '#' + encodeURIComponent(h)); } catch (x) { /* file: */ }
  }
  function nodeOf(target) {
    var g = target.closest && target.closest('g.n');
    return g ? +g.getAttribute('data-i') : -1;
  }
  svg.addEventListener('mouseover', function (ev) {
    var i = nodeOf(ev.target);
    if (i >= 0 && pinned === -1) { highlight(i); showNode(i); }
  });
  svg.addEventListener('mouseout', function (ev) {
    if (pinned === -1 && nodeOf(ev.target) >= 0 && nodeOf(ev.relatedTarget || svg) < 0)
      highlight(-1);
  });
  svg.addEventListener('click', function (ev) {
    if (dragged) return;
    var i = nodeOf(ev.target);
    if (i >= 0) return select(i);
    var k = ev.target.getAttribute('data-e');
    if (k === null) k = nearestEdge(toSvg(ev), 6 * vb.w / svg.getBoundingClientRect().width);
    if (k !== null && +k >= 0) return showEdge(+k);
    pinned = -1;
    highlight(-1);
  });
  /* Thin ties are hard to hit: a click near one (within tol, in drawing units) counts.
   * The visible tie whose segment passes closest to p, or -1. */
  function nearestEdge(p, tol) {
    var best = -1;
    D.edges.forEach(function (e, k) {
      if (!visible[k]) return;
      var a = D.nodes[e[S]].xy, b = D.nodes[e[T]].xy, dx = b[0] - a[0], dy = b[1] - a[1];
      var len2 = dx * dx + dy * dy;
      var t = len2 ? Math.max(0, Math.min(1, ((p.x - a[0]) * dx + (p.y - a[1]) * dy) / len2)) : 0;
      var d = Math.hypot(p.x - a[0] - t * dx, p.y - a[1] - t * dy);
      if (d < tol) { tol = d; best = k; }
    });
    return best;
  }

  /* ---- find ---------------------------------------------------------------------- */
  var list = $('names');
  D.nodes.forEach(function (n) {
    var o = document.createElement('option');
    o.value = n.label ? n.label + ' (' + n.id + ')' : n.id;
    list.appendChild(o);
  });
  function find(q) {
    q = q.trim().toLowerCase();
    var m = /\(([^()]+)\)$/.exec(q);
    if (m) q = m[1];
    if (!q) return -1;
    var i, part = -1;
    for (i = 0; i < D.nodes.length; i++) {
      var n = D.nodes[i], names = [n.id, n.label || '', n.label_en || ''].map(function (s) {
        return s.toLowerCase();
      });
      if (names.indexOf(q) >= 0) return i;
      if (part < 0 && names.some(function (s) { return s.indexOf(q) >= 0; })) part = i;
    }
    return part;
  }
  $('find').addEventListener('change', function () {
    var i = find(this.value);
    $('find-status').textContent = i < 0 && this.value ? 'not found' : '';
    if (i < 0) return;
    select(i);
    centre(D.nodes[i].xy[0], D.nodes[i].xy[1]);
  });

  /* ---- zoom and pan (on the viewBox) ----------------------------------------------- */
  var full = svg.viewBox.baseVal, vb = { x: full.x, y: full.y, w: full.width, h: full.height };
  var home = { x: vb.x, y: vb.y, w: vb.w, h: vb.h };
  /* Labels keep their size on screen (--z), and all of them show once zoomed in. */
  function setView() {
    svg.setAttribute('viewBox', vb.x + ' ' + vb.y + ' ' + vb.w + ' ' + vb.h);
    svg.style.setProperty('--z', String(home.w / vb.w));
    svg.classList.toggle('zoomed', home.w / vb.w >= 2);
  }
  function zoom(f, cx, cy) {
    var w = Math.min(home.w * 4, Math.max(home.w / 40, vb.w / f));
    f = vb.w / w;
    vb.x = cx - (cx - vb.x) / f;
    vb.y = cy - (cy - vb.y) / f;
    vb.w = w;
    vb.h = vb.h / f;
    setView();
  }
  function centre(x, y) {
    vb.x = x - vb.w / 2;
    vb.y = y - vb.h / 2;
    setView();
  }
  function toSvg(ev) {
    var p = svg.createSVGPoint();
    p.x = ev.clientX;
    p.y = ev.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  svg.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var p = toSvg(ev);
    zoom(Math.pow(1.0015, -ev.deltaY), p.x, p.y);
  }, { passive: false });
  var drag = null, dragged = false;
  svg.addEventListener('pointerdown', function (ev) {
    drag = { x: ev.clientX, y: ev.clientY, vx: vb.x, vy: vb.y };
    dragged = false;
  });
  window.addEventListener('pointermove', function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 4) dragged = true;
    if (!dragged) return;
    var s = vb.w / svg.getBoundingClientRect().width;
    vb.x = drag.vx - dx * s;
    vb.y = drag.vy - dy * s;
    setView();
  });
  window.addEventListener('pointerup', function () {
    drag = null;
    setTimeout(function () { dragged = false; }, 0);
  });
  function zoomCentre(f) { zoom(f, vb.x + vb.w / 2, vb.y + vb.h / 2); }
  $('zoom-in').addEventListener('click', function () { zoomCentre(1.5); });
  $('zoom-out').addEventListener('click', function () { zoomCentre(1 / 1.5); });
  $('zoom-reset').addEventListener('click', function () {
    vb = { x: home.x, y: home.y, w: home.w, h: home.h };
    setView();
  });

  /* ---- the ranked table: click a row to select, a heading to sort ------------------- */
  var tbody = document.querySelector('#ranking tbody'), rowOf = [];
  Array.prototype.forEach.call(tbody.rows, function (r) { rowOf[+r.getAttribute('data-i')] = r; });
  tbody.addEventListener('click', function (ev) {
    var tr = ev.target.closest('tr');
    if (!tr) return;
    select(+tr.getAttribute('data-i'));
    $('stage').scrollIntoView({ block: 'nearest' });
  });
  document.querySelector('#ranking thead').addEventListener('click', function (ev) {
    var th = ev.target.closest('th');
    if (!th) return;
    var col = th.cellIndex, rows = Array.prototype.slice.call(tbody.rows);
    var key = function (r) {
      var s = r.cells[col].textContent, v = parseFloat(s);
      return col === 1 || col === 2 || isNaN(v) ? s : v;
    };
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      var rank = +a.cells[0].textContent - +b.cells[0].textContent;
      if (typeof x === 'number') return (col === 0 ? x - y : y - x) || rank;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    rows.forEach(function (r) { tbody.appendChild(r); });
  });

  /* ---- start: filters, the evidence, then the selection named in the address ------- */
  function unpackSentences(done) {
    var block = $('bilat-evidence');
    if (D.sentences || !block || typeof DecompressionStream !== 'function') return done();
    var bin = atob(block.textContent), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
    new Response(stream).text().then(function (text) {
      D.sentences = JSON.parse(text);
    }).then(done, done);
  }
  function fromAddress() {
    var h = '';
    try { h = decodeURIComponent(location.hash.slice(1)); } catch (x) { /* malformed: none */ }
    var codes = h.split(',');
    var idx = function (c) {
      for (var i = 0; i < D.nodes.length; i++) if (D.nodes[i].id === c) return i;
      return -1;
    };
    if (codes.length === 2) {
      var a = idx(codes[0]), b = idx(codes[1]);
      for (var k = 0; a >= 0 && b >= 0 && k < D.edges.length; k++) {
        var e = D.edges[k];
        if ((e[S] === a && e[T] === b) || (e[S] === b && e[T] === a)) return showEdge(k);
      }
    } else if (h && idx(h) >= 0) {
      select(idx(h));
    }
  }
  applyFilters();
  unpackSentences(function () {
    fromAddress();
    var root = document.documentElement;
    root.setAttribute('data-init-ms', (performance.now() - t0).toFixed(1));
    root.setAttribute('data-ready', 'true');
  });
})();
