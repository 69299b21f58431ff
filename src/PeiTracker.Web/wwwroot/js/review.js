// A saved reason chosen beside the reason box is copied into it, where it can still be completed. Without this
// script the box is optional in the browser and the server uses the chosen saved reason when the box is empty.
(function () {
  document.querySelectorAll('select.saved-reason').forEach(function (select) {
    var box = document.getElementById(select.dataset.target);
    box.required = true;
    select.addEventListener('change', function () {
      var option = select.options[select.selectedIndex];
      if (option.dataset.text) {
        box.value = option.dataset.text;
        box.focus();
      }
    });
  });
  document.querySelectorAll('textarea[name=reason][aria-required=true]').forEach(function (box) { box.required = true; });
})();
