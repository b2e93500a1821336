(function () {
  // Show only the groups of the topic and verdict chosen; a story with none left is hidden too.
  var form = document.getElementById("filters");
  var topic = document.getElementById("filter-topic");
  var verdict = document.getElementById("filter-verdict");
  function apply() {
    document.querySelectorAll("[data-verdict]").forEach(function (group) {
      group.hidden = (topic.value !== "" && group.dataset.topic !== topic.value) ||
        (verdict.value !== "" && group.dataset.verdict !== verdict.value);
    });
    var filtering = topic.value !== "" || verdict.value !== "";
    document.querySelectorAll(".story").forEach(function (story) {
      story.hidden = filtering && story.querySelector("[data-verdict]:not([hidden])") === null;
    });
  }
  form.hidden = false;
  topic.addEventListener("change", apply);
  verdict.addEventListener("change", apply);
})();
