// Recomputes a reward's Merkle root in the browser, so a member need not take the server's word for it:
// leaf = SHA-256(0x00 || entry JSON), node = SHA-256(0x01 || left || right), siblings listed leaf upwards.
(function () {
    "use strict";
    var out = document.getElementById("browser-check");
    if (!out || !window.crypto || !window.crypto.subtle || !window.TextEncoder) {
        return;
    }
    var onChain = out.getAttribute("data-root");
    var entry = out.getAttribute("data-entry");
    var steps = Array.prototype.map.call(document.querySelectorAll("#proof-path li"), function (li) {
        return { side: li.getAttribute("data-side"), hash: fromHex(li.getAttribute("data-hash")) };
    });

    function fromHex(hex) {
        var bytes = new Uint8Array(hex.length / 2);
        for (var i = 0; i < bytes.length; i++) {
            bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
        }
        return bytes;
    }

    function toHex(buffer) {
        return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
            return ("0" + b.toString(16)).slice(-2);
        }).join("");
    }

    function prefixed(prefix, parts) {
        var length = 1 + parts.reduce(function (n, p) { return n + p.length; }, 0);
        var bytes = new Uint8Array(length);
        bytes[0] = prefix;
        var at = 1;
        parts.forEach(function (p) { bytes.set(p, at); at += p.length; });
        return crypto.subtle.digest("SHA-256", bytes).then(function (d) { return new Uint8Array(d); });
    }

    var hash = prefixed(0, [new TextEncoder().encode(entry)]);
    steps.forEach(function (step) {
        hash = hash.then(function (current) {
            return step.side === "LEFT" ? prefixed(1, [step.hash, current]) : prefixed(1, [current, step.hash]);
        });
    });
    hash.then(function (root) {
        var hex = toHex(root);
        out.classList.remove("hint");
        if (!onChain) {
            out.textContent = "Your browser recomputed the root " + hex + "; the ledger has no root for this cycle yet.";
        } else if (hex === onChain.toLowerCase()) {
            out.className = "verdict verdict-ok";
            out.textContent = "✓ Your browser recomputed the root itself: " + hex + " — it matches the ledger.";
        } else {
            out.className = "verdict verdict-bad";
            out.textContent = "✗ Your browser recomputed " + hex + ", which is not the ledger's root.";
        }
    }, function () {
        out.textContent = "Your browser could not recompute the root.";
    });
})();
