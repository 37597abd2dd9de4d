// Actor network: Cytoscape.js over /api/network. Labels are drawn on a canvas
// (never parsed as HTML); clicks navigate to the actor or the dyad page. The force
// layout draws its random numbers from a fixed-seed generator, so the same network
// is laid out the same way on every load; edge colours are the server's legend bands.
(function () {
  'use strict';
  var SEED = 20240607;

  // mulberry32: a small deterministic generator standing in for Math.random during layout
  function seeded(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  var el = document.getElementById('network');
  if (!el || typeof cytoscape === 'undefined') return;
  var info = document.getElementById('netinfo');

  fetch(el.dataset.api, { headers: { Accept: 'application/json' } })
    .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
    .then(function (net) {
      if (!net.nodes.length) {
        el.textContent = 'No events between actors yet.';
        el.dataset.rendered = 'empty';
        return;
      }
      var maxNode = Math.max.apply(null, net.nodes.map(function (n) { return n.events; }));
      var maxEdge = Math.max.apply(null, net.edges.map(function (e) { return e.events; }));
      var elements = net.nodes.map(function (n) {
        return { data: { id: n.id, label: n.label, name: n.name, events: n.events } };
      }).concat(net.edges.map(function (e) {
        return {
          data: {
            id: e.id, source: e.source, target: e.target, events: e.events, color: e.color,
            band: e.band, g: e.mean_goldstein === null ? 0 : e.mean_goldstein
          }
        };
      }));
      var random = Math.random;
      Math.random = seeded(SEED);
      var cy;
      try {
        cy = cytoscape({
          container: el,
          elements: elements,
          style: [
            {
              selector: 'node',
              style: {
                'background-color': '#9ecae1', 'border-color': '#4c78a8', 'border-width': 1,
                label: 'data(label)', color: '#111', 'text-wrap': 'wrap',
                'font-size': 15, 'text-valign': 'center', 'text-halign': 'center',
                'text-outline-color': '#fff', 'text-outline-width': 2,
                width: 'mapData(events, 1, ' + Math.max(2, maxNode) + ', 22, 70)',
                height: 'mapData(events, 1, ' + Math.max(2, maxNode) + ', 22, 70)'
              }
            },
            {
              selector: 'edge',
              style: {
                width: 'mapData(events, 1, ' + Math.max(2, maxEdge) + ', 1.5, 10)',
                'line-color': 'data(color)', 'target-arrow-color': 'data(color)',
                'target-arrow-shape': 'triangle', 'curve-style': 'bezier', opacity: 0.9
              }
            },
            { selector: ':selected', style: { 'border-width': 3, 'border-color': '#f58518' } }
          ],
          layout: {
            name: 'cose', animate: false, randomize: true, padding: 40, nodeOverlap: 40,
            nodeRepulsion: function () { return 60000; },
            idealEdgeLength: function () { return 100; }, gravity: 0.6
          }
        });
      } finally {
        Math.random = random;
      }
      cy.on('tap', 'node', function (ev) {
        window.location.assign(el.dataset.actor + '/' + encodeURIComponent(ev.target.id()));
      });
      cy.on('tap', 'edge', function (ev) {
        var d = ev.target.data();
        window.location.assign(el.dataset.dyad + '/' + encodeURIComponent(d.source) + '/' + encodeURIComponent(d.target));
      });
      cy.on('mouseover', 'node', function (ev) {
        var d = ev.target.data();
        if (info) info.textContent = d.name + ' (' + d.id + '): ' + d.events + ' events';
      });
      cy.on('mouseover', 'edge', function (ev) {
        var d = ev.target.data();
        if (info) info.textContent = d.source + ' → ' + d.target + ': ' + d.events + ' events, mean Goldstein ' + d.g + ' (' + d.band + ')';
      });
      el.dataset.nodes = String(cy.nodes().length);
      el.dataset.edges = String(cy.edges().length);
      el.dataset.layout = cy.nodes().map(function (n) {
        var p = n.position();
        return n.id() + ':' + Math.round(p.x) + ',' + Math.round(p.y);
      }).join(' ');
      el.dataset.rendered = 'true';
      window.tiegraphNetwork = cy;
    })
    .catch(function (err) {
      el.textContent = 'Graph failed: ' + err.message;
      el.dataset.rendered = 'error';
    });
})();
