// Dyad page: a Vega-Lite timeline (events by QuadClass, mean Goldstein,
// characterisation tone) and the dyad's number series, drawn as SVG from
// /api/dyads/A/B/timeline with the page's filters. Every point carries the number of
// events (or claims) it rests on, and the Goldstein line is one line per `segment`
// (the server starts a new one after a period without events), so no line crosses a
// gap. Vega runs in its AST-interpreter mode, so the page needs no 'unsafe-eval'.
(function () {
  'use strict';
  var el = document.getElementById('timeline');
  if (!el || typeof vegaEmbed === 'undefined') return;

  function spec(d, width) {
    var unit = d.by === 'month' ? 'utcyearmonth' : 'utcyear';
    var years = d.periods.map(function (p) { return +p.period.slice(0, 4); })
      .concat(d.characterizations.map(function (c) { return +c.period.slice(0, 4); }));
    var lo = Math.min.apply(null, years) - 1, hi = Math.max.apply(null, years) + 1;
    var x = {
      field: 't', type: 'temporal', timeUnit: unit, title: d.by,
      scale: { domain: [{ year: lo, utc: true }, { year: hi, utc: true }] }
    };
    var views = [
      {
        name: 'events', title: 'Events by QuadClass', width: width, height: 170,
        data: { values: d.bars }, mark: { type: 'bar' },
        encoding: {
          x: x,
          y: { field: 'events', type: 'quantitative', stack: 'zero', title: 'events', axis: { tickMinStep: 1, format: 'd' } },
          color: {
            field: 'label', type: 'nominal', title: 'QuadClass',
            scale: {
              domain: d.quad_classes.map(function (q) { return q.label; }),
              range: d.quad_classes.map(function (q) { return q.color; })
            }
          },
          tooltip: [{ field: 'period' }, { field: 'label', title: 'QuadClass' }, { field: 'events', title: 'events' }]
        }
      },
      {
        name: 'goldstein', title: 'Mean Goldstein score (−10 conflict … +10 cooperation)',
        width: width, height: 120,
        layer: [
          { data: { values: [{ y: 0 }] }, mark: { type: 'rule', color: '#999' }, encoding: { y: { field: 'y', type: 'quantitative' } } },
          {
            data: { values: d.goldstein },
            mark: { type: 'line', point: true, color: '#333' },
            encoding: {
              x: x,
              y: { field: 'mean_goldstein', type: 'quantitative', title: 'mean Goldstein', scale: { domain: [-10, 10] } },
              detail: { field: 'segment', type: 'nominal' },
              tooltip: [{ field: 'period' }, { field: 'mean_goldstein', format: '.2f', title: 'mean Goldstein' }, { field: 'events', title: 'events (n)' }]
            }
          },
          {
            data: { values: d.goldstein },
            mark: { type: 'text', dy: -9, fontSize: 10, color: '#555' },
            encoding: {
              x: x,
              y: { field: 'mean_goldstein', type: 'quantitative' },
              text: { field: 'label' }
            }
          }
        ]
      }
    ];
    if (d.characterizations.length) {
      views.push({
        name: 'characterizations', title: 'Characterisations (tone −1 … +1)', width: width, height: 110,
        layer: [
          { data: { values: [{ y: 0 }] }, mark: { type: 'rule', color: '#999' }, encoding: { y: { field: 'y', type: 'quantitative' } } },
          {
            data: { values: d.characterizations },
            mark: { type: 'point', filled: true, size: 90, cursor: 'pointer' },
            encoding: {
              x: x,
              y: { field: 'tone', type: 'quantitative', title: 'tone', scale: { domain: [-1, 1] } },
              color: { field: 'tone', type: 'quantitative', legend: null, scale: { scheme: 'redyellowgreen', domain: [-1, 1] } },
              tooltip: [{ field: 'phrase' }, { field: 'speaker' }, { field: 'tone' }, { field: 'period' }, { field: 'n', title: 'characterisations (n)' }]
            }
          }
        ]
      });
    }
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      vconcat: views, spacing: 24,
      resolve: { scale: { x: 'shared', color: 'independent', y: 'independent' } },
      config: { view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 11 } }
    };
  }

  // One small chart per number series: a point per claim (n = 1 claim, its source in the
  // tooltip), no connecting line: between two reported figures nothing is known.
  function claimSpec(series, width) {
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      vconcat: series.map(function (s) {
        return {
          title: s.name + (s.unit ? ' (' + s.unit + ')' : ''), width: width, height: 90,
          data: { values: s.points },
          layer: [
            {
              mark: { type: 'point', filled: true, size: 70, color: '#1f5fa8', cursor: 'pointer' },
              encoding: {
                x: { field: 't', type: 'temporal', title: 'as of' },
                y: { field: 'value', type: 'quantitative', title: null, scale: { zero: true } },
                tooltip: [{ field: 'as_of', title: 'as of' }, { field: 'shown', title: 'value' }, { field: 'claims', title: 'claims (n)' }, { field: 'title', title: 'source' }]
              }
            },
            {
              mark: { type: 'text', dy: -10, fontSize: 10, color: '#333' },
              encoding: { x: { field: 't', type: 'temporal' }, y: { field: 'value', type: 'quantitative' }, text: { field: 'shown' } }
            }
          ]
        };
      }),
      spacing: 18,
      config: { view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 11 } }
    };
  }

  function drawClaims(d) {
    var box = document.getElementById('claims-chart');
    if (!box || !d.claim_series || !d.claim_series.length) return null;
    var width = Math.max(320, box.clientWidth - 190);
    return vegaEmbed(box, claimSpec(d.claim_series, width), { renderer: 'svg', actions: false, ast: true })
      .then(function (res) {
        res.view.addEventListener('click', function (ev, item) {
          var p = item && item.datum;
          if (!p || !p.doc_id) return;
          var hl = p.start !== null && p.start !== undefined ? '?hl=' + p.start + '-' + p.end : '';
          window.location.assign(el.dataset.docs + '/' + encodeURIComponent(p.doc_id) + hl);
        });
        box.dataset.rendered = 'true';
      });
  }

  fetch(el.dataset.api, { headers: { Accept: 'application/json' } })
    .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
    .then(function (d) {
      drawClaims(d);
      if (!d.periods.length && !d.characterizations.length) {
        el.textContent = 'No dated events or characterisations for this dyad with these filters.';
        el.dataset.rendered = 'empty';
        return null;
      }
      var width = Math.max(320, el.clientWidth - 190);
      return vegaEmbed(el, spec(d, width), { renderer: 'svg', actions: false, ast: true })
        .then(function (res) {
          var pair = encodeURIComponent(d.dyad[0] + ',' + d.dyad[1]);
          // A point opens its article; a bar or Goldstein point lists that period's events.
          res.view.addEventListener('click', function (ev, item) {
            var datum = item && item.datum;
            if (!datum || !datum.period) return;
            if (datum.doc_id) {
              window.location.assign(el.dataset.docs + '/' + encodeURIComponent(datum.doc_id));
            } else {
              var p = encodeURIComponent(datum.period);
              window.location.assign(el.dataset.events + '?dyad=' + pair + '&since=' + p + '&until=' + p);
            }
          });
          el.dataset.rendered = 'true';
        });
    })
    .catch(function (err) {
      el.textContent = 'Chart failed: ' + err.message;
      el.dataset.rendered = 'error';
    });
})();
