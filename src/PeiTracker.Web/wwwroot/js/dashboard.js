// Draws the small trend charts of the dashboard from data attributes (no inline script: CSP).
(function () {
  if (typeof Chart === 'undefined') { return; }
  document.querySelectorAll('canvas.trend').forEach(function (canvas) {
    var labels = JSON.parse(canvas.dataset.labels || '[]');
    var values = JSON.parse(canvas.dataset.values || '[]');
    new Chart(canvas, {
      type: 'line',
      data: { labels: labels, datasets: [{ data: values, borderColor: '#8c1c13', backgroundColor: '#8c1c13', tension: 0.2, spanGaps: true, pointRadius: 3 }] },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return c.parsed.y + ' %'; } } } },
        scales: { x: { display: false }, y: { display: false, suggestedMin: 0, suggestedMax: 100 } }
      }
    });
  });
})();

// Printing: the plan and the cut-off date go into every sheet's top margin (site.css, @page tablero reads the
// variable); the print buttons open the browser's print dialog.
(function () {
  var running = document.querySelector('[data-print-running]');
  if (running) {
    document.documentElement.style.setProperty('--pei-print-running', JSON.stringify(running.dataset.printRunning));
  }
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
  });
})();
