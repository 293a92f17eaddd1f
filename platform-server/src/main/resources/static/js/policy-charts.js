// The policy preview as charts (Chart.js from the jar's WebJar): members per level and the open cycle's cost, the
// policy in force against the draft. The figures come from the page itself (the level table's rows, the cost
// canvas's data attributes), which stays as each chart's text alternative.
(function () {
    "use strict";
    if (!window.Chart) {
        return;
    }
    var style = getComputedStyle(document.documentElement);
    var NOW = style.getPropertyValue("--ink-soft").trim() || "#4a5566";
    var DRAFT = style.getPropertyValue("--brand").trim() || "#1f4e79";
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = style.getPropertyValue("--ink").trim() || "#1b2430";

    function bars(canvas, labels, now, draft, format) {
        return new Chart(canvas, {
            type: "bar",
            data: {
                labels: labels,
                datasets: [
                    { label: canvas.getAttribute("data-current-label"), data: now, backgroundColor: NOW },
                    { label: "Draft", data: draft, backgroundColor: DRAFT }
                ]
            },
            options: {
                animation: false,
                responsive: true,
                maintainAspectRatio: false,
                scales: { y: { beginAtZero: true, ticks: { callback: format } } },
                plugins: {
                    legend: { position: "bottom" },
                    tooltip: {
                        callbacks: {
                            label: function (item) {
                                return item.dataset.label + ": " + format(item.parsed.y);
                            }
                        }
                    }
                }
            }
        });
    }

    var levels = document.getElementById("levels-chart");
    if (levels) {
        var rows = Array.prototype.slice.call(document.querySelectorAll("#levels-table tbody tr"));
        var count = function (n) {
            return Number.isInteger(n) ? n.toLocaleString("en") : "";
        };
        bars(
            levels,
            rows.map(function (tr) { return "Level " + tr.getAttribute("data-level"); }),
            rows.map(function (tr) { return Number(tr.getAttribute("data-current")); }),
            rows.map(function (tr) { return Number(tr.getAttribute("data-draft")); }),
            count
        );
    }

    var cost = document.getElementById("cost-chart");
    if (cost) {
        var decimals = Number(cost.getAttribute("data-decimals"));
        var symbol = cost.getAttribute("data-symbol");
        var scale = Math.pow(10, decimals);
        // display only: the amounts stay integer minor units everywhere else
        var money = function (value) {
            return value.toLocaleString("en", { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
                + " " + symbol;
        };
        bars(
            cost,
            ["Open cycle"],
            [Number(cost.getAttribute("data-current")) / scale],
            [Number(cost.getAttribute("data-draft")) / scale],
            money
        );
    }
})();
