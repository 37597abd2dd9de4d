// Document view: select an extraction (side panel or a highlight in the text) and
// mark its evidence span. Only classes and attributes change: the text nodes the
// server escaped are never re-parsed as HTML.
(function () {
  'use strict';
  var text = document.getElementById('doctext');
  var panel = document.getElementById('panel');
  if (!text || !panel) return;

  var segsByKey = new Map();
  text.querySelectorAll('.seg[data-k]').forEach(function (seg) {
    seg.dataset.k.split(' ').forEach(function (k) {
      if (!k) return;
      if (!segsByKey.has(k)) segsByKey.set(k, []);
      segsByKey.get(k).push(seg);
    });
  });
  var current = null;

  function itemFor(key) {
    return panel.querySelector('.item[data-key="' + CSS.escape(key) + '"]');
  }

  function clear() {
    text.querySelectorAll('.seg.active').forEach(function (s) { s.classList.remove('active'); });
    panel.querySelectorAll('.item.active').forEach(function (li) {
      li.classList.remove('active');
      li.setAttribute('aria-pressed', 'false');
    });
    current = null;
    text.removeAttribute('data-selected');
  }

  function select(key, from) {
    if (key === current) { clear(); return; }
    clear();
    current = key;
    text.setAttribute('data-selected', key);
    var segs = segsByKey.get(key) || [];
    segs.forEach(function (s) { s.classList.add('active'); });
    var li = itemFor(key);
    if (li) { li.classList.add('active'); li.setAttribute('aria-pressed', 'true'); }
    if (from === 'panel' && segs.length) segs[0].scrollIntoView({ block: 'center' });
    if (from === 'text' && li) li.scrollIntoView({ block: 'nearest' });
  }

  panel.addEventListener('click', function (ev) {
    var li = ev.target.closest('.item[data-key]');
    if (li) select(li.dataset.key, 'panel');
  });
  panel.addEventListener('keydown', function (ev) {
    var li = ev.target.closest('.item[data-key]');
    if (li && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); select(li.dataset.key, 'panel'); }
  });
  // A click in the text picks the innermost extraction at that point of the kind shown
  // there (the server lists a segment's keys innermost first: visible marks such as an
  // event's trigger before hidden evidence sentences, shortest span first); a second click
  // on the same point moves on to the next one out.
  text.addEventListener('click', function (ev) {
    var seg = ev.target.closest('.seg[data-k]');
    if (!seg) return;
    var keys = seg.dataset.k.split(' ').filter(function (k) { return k && itemFor(k); });
    if (!keys.length) return;
    var i = keys.indexOf(current);
    var next = keys[(i + 1) % keys.length];
    if (next === current) return;
    select(next, 'text');
  });

  var hit = segsByKey.get('hit');
  if (hit && hit.length) hit[0].scrollIntoView({ block: 'center' });
})();
