// PayWord in the browser (DESIGN §8): the payer's chain is made and kept here, never on the server.
// w_n = seed (32 random bytes), w_(i-1) = SHA-256(w_i), root w_0 = H^n(seed). Paying up to index i reveals w_i.
// The seed lives in localStorage under "pox.channel.<id>"; receipts this browser got under "pox.receipts.<id>".
(function () {
    "use strict";
    if (!window.crypto || !window.crypto.subtle || !window.TextEncoder || !window.localStorage) {
        return;
    }
    var RECEIPT_FORMAT = "pox-payword-receipt/1";
    var KEPT_RECEIPTS = 50;

    function toHex(bytes) {
        return Array.prototype.map.call(new Uint8Array(bytes), function (b) {
            return ("0" + b.toString(16)).slice(-2);
        }).join("");
    }

    function fromHex(hex) {
        var bytes = new Uint8Array(hex.length / 2);
        for (var i = 0; i < bytes.length; i++) {
            bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
        }
        return bytes;
    }

    function fromBase64(text) {
        var raw = atob(text);
        var bytes = new Uint8Array(raw.length);
        for (var i = 0; i < raw.length; i++) {
            bytes[i] = raw.charCodeAt(i);
        }
        return bytes;
    }

    function base64Url(bytes) {
        return btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    }

    function sha256(bytes) {
        return crypto.subtle.digest("SHA-256", bytes).then(function (d) { return new Uint8Array(d); });
    }

    /** @return a promise of every word, words[0] = root … words[n] = seed */
    function chainFromSeed(seed, n, progress) {
        var words = new Array(n + 1);
        words[n] = seed;
        function step(i) {
            if (i < 0) {
                return Promise.resolve(words);
            }
            return sha256(words[i + 1]).then(function (w) {
                words[i] = w;
                if (progress && i % 1000 === 0) {
                    progress(n - i, n);
                }
                return step(i - 1);
            });
        }
        return step(n - 1);
    }

    function storageKey(channelId) {
        return "pox.channel." + channelId;
    }

    function setText(id, text) {
        var element = document.getElementById(id);
        if (element) {
            element.textContent = text;
        }
    }

    // ---- opening: seed, chain and root made here; the form then carries the root and the channel id
    var openForm = document.getElementById("open-channel");
    if (openForm) {
        openForm.addEventListener("submit", function (event) {
            var root = document.getElementById("root");
            if (root.value) {
                return;
            }
            event.preventDefault();
            var units = parseInt(document.getElementById("units").value, 10);
            var max = parseInt(openForm.getAttribute("data-max-units"), 10);
            if (!(units >= 1 && units <= max)) {
                // the server explains the bad number next to the field
                root.value = "-";
                document.getElementById("channelId").value = "-";
                openForm.submit();
                return;
            }
            var seed = crypto.getRandomValues(new Uint8Array(32));
            var channelId = "pc_" + base64Url(crypto.getRandomValues(new Uint8Array(12)));
            document.getElementById("open-button").disabled = true;
            setText("open-status", "Your browser is hashing the payment chain…");
            chainFromSeed(seed, units, function (done, total) {
                setText("open-status", "Your browser is hashing the payment chain: " + done + " of " + total + "…");
            }).then(function (words) {
                localStorage.setItem(storageKey(channelId), JSON.stringify({ seed: toHex(seed), n: units }));
                document.getElementById("channelId").value = channelId;
                root.value = toHex(words[0]);
                setText("open-status", "Chain ready; opening the channel on the ledger…");
                openForm.submit();
            }, function () {
                document.getElementById("open-button").disabled = false;
                setText("open-status", "Your browser could not hash the chain.");
            });
        });
    }

    // ---- receipts: the broker's Ed25519 signature, checked here with WebCrypto when the browser has Ed25519
    var receiptsPanel = document.getElementById("receipts-panel");
    var brokerKey = null;
    if (receiptsPanel) {
        brokerKey = crypto.subtle.importKey(
            "spki", fromBase64(receiptsPanel.getAttribute("data-broker-key")), { name: "Ed25519" }, false, ["verify"]);
        brokerKey.catch(function () {
            setText("signature-check", "This browser cannot check Ed25519 signatures itself: the receipts below are as"
                + " the broker sent them; check them against its published key with any Ed25519 tool.");
        });
    }

    function verifyReceipt(receipt) {
        var text = [RECEIPT_FORMAT, receipt.channelId, receipt.index, receipt.amount, receipt.acceptedAt].join("\n");
        return brokerKey.then(function (key) {
            return crypto.subtle.verify({ name: "Ed25519" }, key, fromBase64(receipt.signature),
                new TextEncoder().encode(text));
        });
    }

    function receiptsOf(channelId) {
        try {
            return JSON.parse(localStorage.getItem("pox.receipts." + channelId) || "[]");
        } catch (e) {
            return [];
        }
    }

    function keepReceipt(receipt) {
        var kept = receiptsOf(receipt.channelId).filter(function (r) { return r.index !== receipt.index; });
        kept.push(receipt);
        localStorage.setItem("pox.receipts." + receipt.channelId, JSON.stringify(kept.slice(-KEPT_RECEIPTS)));
    }

    var verifiedCount = 0;
    var failedCount = 0;

    function showReceipt(receipt) {
        var body = document.querySelector("#receipts tbody");
        var row = document.createElement("tr");
        row.setAttribute("data-index", receipt.index);
        [receipt.index, receipt.amountShown || String(receipt.amount), new Date(receipt.acceptedAt).toISOString(),
            receipt.signature.slice(0, 16) + "…", "checking…"].forEach(function (value, i) {
            var cell = document.createElement("td");
            cell.textContent = value;
            if (i < 2) {
                cell.className = "num";
            }
            row.appendChild(cell);
        });
        body.insertBefore(row, body.firstChild);
        var check = row.lastChild;
        check.className = "receipt-check";
        verifyReceipt(receipt).then(function (valid) {
            check.textContent = valid ? "✓ signed by the broker" : "✗ bad signature";
            check.classList.add(valid ? "amount-in" : "verdict-bad");
            if (valid) {
                verifiedCount++;
            } else {
                failedCount++;
            }
            setText("signature-check", failedCount === 0
                ? "✓ Your browser verified " + verifiedCount + " broker signature(s) itself (Ed25519, WebCrypto)."
                : "✗ " + failedCount + " receipt(s) do NOT carry the broker's signature.");
        }, function () {
            check.textContent = "not checked here";
        });
    }

    if (receiptsPanel) {
        var latest = document.getElementById("latest-receipt");
        var shown = receiptsOf(latest ? latest.getAttribute("data-channel") : "");
        if (latest) {
            var fromServer = {
                channelId: latest.getAttribute("data-channel"),
                index: parseInt(latest.getAttribute("data-index"), 10),
                amount: parseInt(latest.getAttribute("data-amount"), 10),
                acceptedAt: parseInt(latest.getAttribute("data-accepted-at"), 10),
                signature: latest.getAttribute("data-signature")
            };
            if (!shown.some(function (r) { return r.index === fromServer.index; })) {
                shown.push(fromServer);
            }
        }
        shown.sort(function (a, b) { return a.index - b.index; }).forEach(showReceipt);
    }

    // ---- paying: reveal w_(accepted + k), one request per payment
    var panel = document.getElementById("pay-panel");
    if (!panel) {
        return;
    }
    var channelId = panel.getAttribute("data-channel");
    var length = parseInt(panel.getAttribute("data-length"), 10);
    var accepted = parseInt(panel.getAttribute("data-accepted"), 10);
    var payOne = document.getElementById("pay-one");
    var payN = document.getElementById("pay-n");
    var stored = localStorage.getItem(storageKey(channelId));
    if (!stored) {
        setText("pay-status", "This browser does not hold the seed of this channel: pay from the browser that opened"
            + " it.");
        return;
    }
    var words = null;
    var busy = false;

    function refresh() {
        var open = words !== null && !busy && accepted < length;
        payOne.disabled = !open;
        payN.disabled = !open;
    }

    function pay(units) {
        if (busy || words === null) {
            return;
        }
        var index = accepted + units;
        if (!(units >= 1) || index > length) {
            setText("pay-status", "The channel has " + (length - accepted) + " unit(s) left.");
            return;
        }
        busy = true;
        refresh();
        var headers = { "Content-Type": "application/json", "Accept": "application/json" };
        headers[panel.getAttribute("data-csrf-header")] = panel.getAttribute("data-csrf");
        fetch(panel.getAttribute("data-pay-url"), {
            method: "POST",
            credentials: "same-origin",
            headers: headers,
            body: JSON.stringify({ channelId: channelId, index: index, payword: toHex(words[index]) })
        }).then(function (response) {
            return response.json().then(function (body) { return { ok: response.ok, body: body }; });
        }).then(function (answer) {
            if (!answer.ok) {
                setText("pay-status", "Refused (" + answer.body.code + "): " + answer.body.detail);
                return;
            }
            var receipt = answer.body.receipt;
            receipt.amountShown = answer.body.accepted;
            accepted = answer.body.acceptedIndex;
            setText("accepted-index", String(accepted));
            setText("accepted-amount", answer.body.accepted);
            setText("unsettled-amount", answer.body.unsettled);
            setText("pay-status", "Paid: receipt for index " + receipt.index + ", " + answer.body.accepted
                + " so far.");
            var none = document.getElementById("no-receipt");
            if (none) {
                none.remove();
            }
            keepReceipt(receipt);
            showReceipt(receipt);
        }).catch(function () {
            setText("pay-status", "The payment did not reach the broker; try again.");
        }).then(function () {
            busy = false;
            refresh();
        });
    }

    var kept = JSON.parse(stored);
    setText("pay-status", "Your browser is hashing this channel's chain…");
    chainFromSeed(fromHex(kept.seed), kept.n).then(function (all) {
        if (kept.n !== length || toHex(all[0]) !== panel.getAttribute("data-root")) {
            setText("pay-status", "The seed kept in this browser does not make this channel's root: it cannot pay.");
            return;
        }
        words = all;
        setText("pay-status", "Ready: " + (length - accepted) + " unit(s) left to pay.");
        refresh();
    });
    payOne.addEventListener("click", function () { pay(1); });
    payN.addEventListener("click", function () { pay(parseInt(document.getElementById("pay-count").value, 10)); });
})();
