// The indicator chart: baseline, targets, values and the projection to the final year (data from the page; CSP forbids inline script).
(function () {
  var canvas = document.getElementById('indicator-chart');
  if (!canvas || typeof Chart === 'undefined') { return; }
  var d = JSON.parse(canvas.dataset.chart);
  new Chart(canvas, {
    type: 'line',
    data: {
      labels: d.labels,
      datasets: [
        { label: 'Línea base', data: d.baseline, borderColor: '#5f6368', backgroundColor: '#5f6368', pointStyle: 'rectRot', pointRadius: 7, showLine: false },
        { label: 'Logro esperado', data: d.targets, borderColor: '#1a73e8', backgroundColor: '#1a73e8', borderDash: [6, 4], pointStyle: 'triangle', pointRadius: 5, spanGaps: true },
        { label: 'Valor obtenido', data: d.values, borderColor: '#8c1c13', backgroundColor: '#8c1c13', pointRadius: 5, borderWidth: 3, spanGaps: true },
        { label: 'Proyección', data: d.projection, borderColor: '#b58100', backgroundColor: '#b58100', borderDash: [2, 3], pointStyle: 'crossRot', pointRadius: 6, spanGaps: true }
      ]
    },
    options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: false } } }
  });
})();
