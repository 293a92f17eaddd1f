// My referral tree as a picture (d3 from the jar's WebJar). Branches open and close on demand; opening one loads a
// page of its recommendees from the server (and "more" the next page), so the browser holds only what the member
// chose to see, however many thousands of members the tree has. Counts per depth come from the page's table.
(function () {
    "use strict";
    var host = document.getElementById("tree-picture");
    if (!host || !window.d3 || !window.fetch) {
        return;
    }
    var ROW = 30;
    var COLUMN = 240;
    var MARGIN = 16;
    var HEADER = 36;
    var NAME_CHARS = 22;
    var maxDepth = Number(host.getAttribute("data-max-depth"));
    var pageSize = Number(host.getAttribute("data-page-size"));
    var childrenUrl = host.getAttribute("data-children-url");
    var status = document.getElementById("tree-status");
    var perDepth = {};
    document.querySelectorAll("#tree-depth-counts tbody tr").forEach(function (tr) {
        perDepth[Number(tr.getAttribute("data-depth"))] = Number(tr.getAttribute("data-members"));
    });
    var root = branch({ memberId: host.getAttribute("data-root-id"), displayName: "You", depth: 0,
        direct: perDepth[1] || 0 });

    function branch(item) {
        return {
            id: item.memberId,
            name: item.displayName || item.memberId,
            status: item.status,
            depth: item.depth,
            direct: item.direct,
            kids: [],
            total: item.direct,
            nextPage: 0,
            open: false,
            loading: false
        };
    }

    // below the deepest counted level the server lists nobody: such members are leaves of this picture
    function expandable(n) {
        return !n.more && n.direct > 0 && n.depth < maxDepth;
    }

    function members(n) {
        return n.toLocaleString("en") + (n === 1 ? " member" : " members");
    }

    function say(text) {
        if (status) {
            status.textContent = text;
        }
    }

    function shown(n) {
        return (n.depth === 0 ? "Your recommendees: " : n.name + "'s recommendees: ") + n.kids.length + " of "
            + n.total + " shown.";
    }

    function load(n) {
        n.loading = true;
        var url = childrenUrl + encodeURIComponent(n.id) + "/recommendees?page=" + n.nextPage + "&size=" + pageSize;
        return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("HTTP " + response.status);
                }
                return response.json();
            })
            .then(function (page) {
                page.items.forEach(function (item) { n.kids.push(branch(item)); });
                n.total = page.total;
                n.nextPage += 1;
            })
            .finally(function () { n.loading = false; });
    }

    function failed(n) {
        return function () {
            n.open = n.kids.length > 0 && n.open;
            say("The recommendees of " + n.name + " could not be loaded; try again.");
            render();
        };
    }

    function toggle(n) {
        if (n.loading || !expandable(n)) {
            return;
        }
        if (n.open) {
            n.open = false;
            say((n.depth === 0 ? "Your" : n.name + "'s") + " branch is closed.");
            render();
            return;
        }
        n.open = true;
        var ready = n.kids.length > 0 ? Promise.resolve() : load(n);
        ready.then(function () { say(shown(n)); render(); }, failed(n));
    }

    function more(parent) {
        if (parent.loading) {
            return;
        }
        load(parent).then(function () { say(shown(parent)); render(); }, failed(parent));
    }

    function activate(n) {
        if (n.more) {
            more(n.parent);
        } else {
            toggle(n);
        }
    }

    function visible(n) {
        if (n.more || !n.open) {
            return null;
        }
        var list = n.kids.slice();
        if (n.kids.length < n.total) {
            list.push({ more: true, parent: n, id: n.id + "#more", depth: n.depth + 1 });
        }
        return list;
    }

    function caption(n) {
        if (n.more) {
            return "+ " + (n.parent.total - n.parent.kids.length).toLocaleString("en") + " more…";
        }
        var name = n.name.length > NAME_CHARS ? n.name.substring(0, NAME_CHARS - 1) + "…" : n.name;
        return name;
    }

    function meta(n) {
        if (n.more || n.depth === 0) {
            return "";
        }
        return " · " + n.direct.toLocaleString("en") + " direct";
    }

    function label(n) {
        if (n.more) {
            var next = Math.min(pageSize, n.parent.total - n.parent.kids.length);
            return "Show " + next + " more " + (n.parent.depth === 0 ? "of your recommendees" : "recommendees of "
                + n.parent.name);
        }
        return (n.depth === 0 ? "You" : n.name + ", " + n.status + ", depth " + n.depth) + ", "
            + n.direct + " direct recommendees";
    }

    var svg = d3.select(host).text("").append("svg").attr("class", "tree-svg").attr("id", "tree-svg")
        .attr("role", "group").attr("aria-label", "Picture of your referral tree");
    var headers = svg.append("g").attr("class", "tree-depth-labels");
    var links = svg.append("g").attr("class", "tree-links");
    var nodes = svg.append("g").attr("class", "tree-nodes");

    function render() {
        var tree = d3.hierarchy(root, visible);
        d3.tree().nodeSize([ROW, COLUMN])(tree);
        var all = tree.descendants();
        var top = d3.min(all, function (d) { return d.x; });
        var bottom = d3.max(all, function (d) { return d.x; });
        var width = 2 * MARGIN + (maxDepth + 1) * COLUMN;
        var height = HEADER + (bottom - top) + ROW + MARGIN;
        var x = function (d) { return MARGIN + d.y; };
        var y = function (d) { return HEADER + ROW / 2 + d.x - top; };
        svg.attr("width", width).attr("height", height).attr("viewBox", [0, 0, width, height].join(" "));

        headers.selectAll("text")
            .data(d3.range(0, maxDepth + 1))
            .join("text")
            .attr("class", "tree-depth-label")
            .attr("data-depth", function (d) { return d; })
            .attr("x", function (d) { return MARGIN + d * COLUMN; })
            .attr("y", 18)
            .text(function (d) { return d === 0 ? "You" : "Depth " + d + " · " + members(perDepth[d] || 0); });

        links.selectAll("path")
            .data(tree.links(), function (l) { return l.target.data.id; })
            .join("path")
            .attr("d", d3.linkHorizontal().x(x).y(y));

        nodes.selectAll("g.tree-node")
            .data(all, function (d) { return d.data.id; })
            .join(function (enter) {
                var g = enter.append("g");
                // the whole row answers a click, not only the glyphs
                g.append("rect").attr("class", "tree-hit").attr("x", -10).attr("y", -ROW / 2)
                    .attr("width", COLUMN - 20).attr("height", ROW);
                g.append("circle").attr("r", 7);
                var text = g.append("text").attr("x", 12).attr("dy", "0.32em");
                text.append("tspan").attr("class", "tree-name");
                text.append("tspan").attr("class", "tree-meta");
                g.on("click", function (event, d) { activate(d.data); });
                g.on("keydown", function (event, d) {
                    if (event.key === "Enter" || event.key === " ") {
                        event.preventDefault();
                        activate(d.data);
                    }
                });
                return g;
            })
            .attr("class", function (d) {
                return "tree-node" + (d.data.more ? " tree-more" : "") + (expandable(d.data) ? " tree-expandable" : "")
                    + (d.data.open ? " tree-open" : "");
            })
            .attr("transform", function (d) { return "translate(" + x(d) + "," + y(d) + ")"; })
            .attr("data-member-id", function (d) { return d.data.more ? null : d.data.id; })
            .attr("data-depth", function (d) { return d.data.depth; })
            .attr("tabindex", function (d) { return d.data.more || expandable(d.data) ? 0 : null; })
            .attr("role", function (d) { return d.data.more || expandable(d.data) ? "button" : null; })
            .attr("aria-expanded", function (d) { return expandable(d.data) ? String(d.data.open) : null; })
            .attr("aria-label", function (d) { return label(d.data); })
            .each(function (d) {
                var g = d3.select(this);
                g.select(".tree-name").text(caption(d.data));
                g.select(".tree-meta").text(meta(d.data));
            });
    }

    render();
    toggle(root);
})();
