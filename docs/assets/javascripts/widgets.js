/* Interactive figures (markup from hooks/widgets.py). Each computes with the formulas of
 * nnref, term for term, in double precision, and tests/browser/test_widgets.py checks what
 * each shows against nnref at many settings. No library, nothing fetched. */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";

  // nnref.activations, the same formulas: sigmoid in its stable form (exp only of -|z|).
  var ACTIVATIONS = {
    sigmoid: function (z) {
      var e = Math.exp(-Math.abs(z));
      return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    },
    relu: function (z) { return Math.max(z, 0); },
    tanh: function (z) { return Math.tanh(z); },
    step: function (z) { return z > 0 ? 1 : 0; },
  };
  var RANGES = { sigmoid: [0, 1], step: [0, 1], tanh: [-1, 1], relu: [0, 10] };

  function element(tag, attributes, parent, namespace) {
    var node = namespace ? document.createElementNS(namespace, tag) : document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function slider(form, id, label, value, min, max, step) {
    var row = element("div", { class: "nn-widget__control" }, form);
    var name = element("label", { for: id }, row);
    name.textContent = label;
    var input = element("input", { type: "range", id: id, min: min, max: max, step: step }, row);
    input.value = String(value);
    var shown = element("output", { for: id, class: "nn-widget__value" }, row);
    return { input: input, shown: shown };
  }

  var counter = 0;

  function neuronPlayground(root, settings) {
    var id = "nn-neuron-" + (++counter);
    root.textContent = "";
    var form = element("form", { class: "nn-widget__controls", "aria-label": "A neuron's inputs, weights and bias" }, root);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var controls = [
      slider(form, id + "-x1", "input x\u2081", settings.inputs[0], 0, 10, 0.1),
      slider(form, id + "-x2", "input x\u2082", settings.inputs[1], 0, 10, 0.1),
      slider(form, id + "-w1", "weight w\u2081", settings.weights[0], -2, 2, 0.05),
      slider(form, id + "-w2", "weight w\u2082", settings.weights[1], -2, 2, 0.05),
      slider(form, id + "-b", "bias b", settings.bias, -10, 10, 0.1),
    ];
    var row = element("div", { class: "nn-widget__control" }, form);
    var choiceLabel = element("label", { for: id + "-act" }, row);
    choiceLabel.textContent = "activation";
    var choice = element("select", { id: id + "-act" }, row);
    Object.keys(ACTIVATIONS).forEach(function (name) {
      var option = element("option", { value: name }, choice);
      option.textContent = name;
    });
    choice.value = settings.activation;

    var result = element("p", { class: "nn-widget__result", role: "status", "aria-live": "polite" }, root);
    var svg = element("svg", { viewBox: "0 0 320 170", class: "nn-widget__plot", role: "img" }, root, SVG);
    var axis = element("path", { class: "nn-widget__axis" }, svg, SVG);
    var curve = element("path", { class: "nn-widget__curve" }, svg, SVG);
    var dot = element("circle", { r: "5", class: "nn-widget__dot" }, svg, SVG);
    var labels = [0, 1, 2, 3].map(function () { return element("text", { class: "nn-widget__label" }, svg, SVG); });

    function xOf(z) { return 20 + (z + 10) / 20 * 290; }

    function update() {
      var v = controls.map(function (c) { return Number(c.input.value); });
      controls.forEach(function (c) { c.shown.textContent = c.input.value; });
      var activation = ACTIVATIONS[choice.value];
      // nnref.pre_activation: x @ w + b, the dot product summed in order, then the bias.
      var z = (v[0] * v[2] + v[1] * v[3]) + v[4];
      var a = activation(z);
      result.innerHTML = "";
      var zText = element("span", { class: "nn-widget__z" }, result);
      zText.textContent = "z = " + z.toFixed(3);
      result.appendChild(document.createTextNode(", "));
      var aText = element("span", { class: "nn-widget__a" }, result);
      aText.textContent = choice.value + "(z) = " + a.toFixed(3);

      var range = RANGES[choice.value];
      function yOf(y) { return 150 - (y - range[0]) / (range[1] - range[0]) * 135; }
      var points = [];
      for (var i = 0; i <= 200; i++) {
        var zi = -10 + i / 10;
        var yi = Math.min(Math.max(activation(zi), range[0]), range[1]);
        points.push((i ? "L" : "M") + xOf(zi).toFixed(1) + " " + yOf(yi).toFixed(1));
      }
      curve.setAttribute("d", points.join(" "));
      axis.setAttribute("d", "M20 " + yOf(0).toFixed(1) + " H310 M" + xOf(0) + " 10 V155");
      var zc = Math.min(Math.max(z, -10), 10);
      dot.setAttribute("cx", xOf(zc).toFixed(1));
      dot.setAttribute("cy", yOf(Math.min(Math.max(a, range[0]), range[1])).toFixed(1));
      var texts = [["-10", 20, 168], ["10", 300, 168], [String(range[1]), 24, yOf(range[1]) + 4], ["z", 314, yOf(0) - 4]];
      texts.forEach(function (t, k) {
        labels[k].textContent = t[0];
        labels[k].setAttribute("x", t[1]);
        labels[k].setAttribute("y", t[2]);
      });
      svg.setAttribute("aria-label", "The " + choice.value + " curve for z from -10 to 10, with the point at z = " +
        z.toFixed(3) + ", " + choice.value + "(z) = " + a.toFixed(3));
    }

    controls.forEach(function (c) { c.input.addEventListener("input", update); });
    choice.addEventListener("change", update);
    update();
  }

  // nnref.softmax of z / T: shift by the largest, exponentiate, divide by the sum (in order).
  function softmax(z) {
    var largest = Math.max.apply(null, z);
    var e = z.map(function (v) { return Math.exp(v - largest); });
    var sum = 0;
    e.forEach(function (v) { sum += v; });
    return e.map(function (v) { return v / sum; });
  }

  function softmaxTemperature(root, settings) {
    var id = "nn-softmax-" + (++counter);
    root.textContent = "";
    var form = element("form", { class: "nn-widget__controls", "aria-label": "Logits and temperature" }, root);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var logits = settings.logits.map(function (value, k) {
      return slider(form, id + "-z" + k, "logit of class " + k, value, -5, 5, 0.1);
    });
    var temperature = slider(form, id + "-t", "temperature T", settings.temperature, 0.1, 5, 0.1);
    var list = element("ol", { class: "nn-widget__bars", start: "0", role: "status", "aria-live": "polite" }, root);
    var rows = logits.map(function () {
      var item = element("li", {}, list);
      var bar = element("span", { class: "nn-widget__bar" }, item);
      var text = element("span", { class: "nn-widget__p" }, item);
      return { bar: bar, text: text };
    });

    function update() {
      logits.concat([temperature]).forEach(function (c) { c.shown.textContent = c.input.value; });
      var t = Number(temperature.input.value);
      var p = softmax(logits.map(function (c) { return Number(c.input.value) / t; }));
      p.forEach(function (value, k) {
        rows[k].text.textContent = "p(class " + k + ") = " + value.toFixed(3);
        rows[k].bar.style.width = (100 * value).toFixed(1) + "%";
      });
    }

    logits.concat([temperature]).forEach(function (c) { c.input.addEventListener("input", update); });
    update();
  }

  function fixed(v, digits) { return (Object.is(v, -0) ? 0 : v).toFixed(digits); }

  // nnref.Dense's pre-activation X @ W.T + b: each cell a dot product summed in order, then
  // the bias. Choose a cell to see the row of X and the row of W that made it.
  function matrixProduct(root, settings) {
    var X = settings.X, W = settings.W, b = settings.b;
    root.textContent = "";
    var note = element("p", { class: "nn-widget__note" }, root);
    note.textContent = "X @ W.T + b, shape (" + X.length + ", " + W.length + "): choose a cell";
    var table = element("table", { class: "nn-widget__matrix" }, root);
    var head = element("tr", {}, element("thead", {}, table));
    element("th", { scope: "col" }, head).textContent = "";
    W.forEach(function (_, j) { element("th", { scope: "col" }, head).textContent = "unit " + j; });
    var body = element("tbody", {}, table);
    var result = element("p", { class: "nn-widget__result", role: "status", "aria-live": "polite" }, root);
    var buttons = [];
    X.forEach(function (row, i) {
      var tr = element("tr", {}, body);
      element("th", { scope: "row" }, tr).textContent = "sample " + i;
      W.forEach(function (w, j) {
        var products = row.map(function (x, k) { return x * w[k]; });
        var z = 0;
        products.forEach(function (p) { z += p; });
        z += b[j];
        var button = element("button", { type: "button", class: "nn-widget__cell",
          "data-row": i, "data-unit": j, "aria-pressed": "false" }, element("td", {}, tr));
        button.textContent = fixed(z, 2);
        button.addEventListener("click", function () {
          buttons.forEach(function (other) { other.setAttribute("aria-pressed", "false"); });
          button.setAttribute("aria-pressed", "true");
          result.textContent = "z[" + i + ", " + j + "] = " + row.map(function (x, k) {
            return "(" + fixed(x, 2) + ")(" + fixed(w[k], 2) + ")";
          }).join(" + ") + " + (" + fixed(b[j], 2) + ") = " + products.map(function (p) {
            return fixed(p, 3);
          }).join(" + ") + " + " + fixed(b[j], 3) + " = " + fixed(z, 3);
        });
        buttons.push(button);
      });
    });
    buttons[0].click();
  }

  // nnref.optim's update rules, element by element, on f(w) = 0.5 (c1 w1^2 + c2 w2^2),
  // whose gradient is (c1 w1, c2 w2). Adam's corrections 1 - beta^t come from the page
  // (computed by Python as nnref computes them), so every step is nnref's to the last bit.
  function descend(settings, optimiser, lr, beta) {
    var c = settings.curvature, w = settings.start.slice(), path = [w.slice()];
    var v = [0, 0], m = [0, 0], s = [0, 0], adam = settings.adam;
    for (var t = 1; t <= settings.steps; t++) {
      for (var k = 0; k < 2; k++) {
        var g = c[k] * w[k];
        if (optimiser === "gradient descent") {
          w[k] = w[k] - lr * g;
        } else if (optimiser === "momentum") {
          v[k] = v[k] * beta;
          v[k] = v[k] + g;
          w[k] = w[k] - lr * v[k];
        } else {
          m[k] = m[k] * adam.beta1;
          m[k] = m[k] + (1.0 - adam.beta1) * g;
          s[k] = s[k] * adam.beta2;
          s[k] = s[k] + (1.0 - adam.beta2) * (g * g);
          var mHat = m[k] / adam.corrections[t - 1][0];
          var sHat = s[k] / adam.corrections[t - 1][1];
          w[k] = w[k] - lr * mHat / (Math.sqrt(sHat) + adam.eps);
        }
      }
      path.push(w.slice());
    }
    return path;
  }

  function descentBowl(root, settings) {
    var id = "nn-bowl-" + (++counter);
    root.textContent = "";
    var form = element("form", { class: "nn-widget__controls", "aria-label": "Optimiser settings" }, root);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var row = element("div", { class: "nn-widget__control" }, form);
    element("label", { for: id + "-opt" }, row).textContent = "optimiser";
    var choice = element("select", { id: id + "-opt" }, row);
    ["gradient descent", "momentum", "adam"].forEach(function (name) {
      element("option", { value: name }, choice).textContent = name;
    });
    choice.value = settings.optimiser;
    var rates = settings.learning_rates;
    var lr = slider(form, id + "-lr", "learning rate", Math.max(0, rates.indexOf(String(settings.lr))), 0, rates.length - 1, 1);
    var beta = slider(form, id + "-beta", "momentum β", settings.beta, 0, 0.99, 0.01);
    var result = element("p", { class: "nn-widget__result", role: "status", "aria-live": "polite" }, root);
    var svg = element("svg", { viewBox: "0 0 320 200", class: "nn-widget__plot", role: "img" }, root, SVG);
    [0.5, 2, 8, 32].forEach(function (level) {
      element("ellipse", { class: "nn-widget__axis", cx: xOf(0), cy: yOf(0),
        rx: Math.sqrt(2 * level / settings.curvature[0]) * 50, ry: Math.sqrt(2 * level / settings.curvature[1]) * 36 }, svg, SVG);
    });
    element("path", { class: "nn-widget__axis", d: "M" + (xOf(0) - 5) + " " + yOf(0) + " h10 M" + xOf(0) + " " + (yOf(0) - 5) + " v10" }, svg, SVG);
    var curve = element("path", { class: "nn-widget__curve nn-widget__curve--thin" }, svg, SVG);
    var dot = element("circle", { r: "4", class: "nn-widget__dot" }, svg, SVG);

    // The figure's window: w1 from -4.5 to 1.5, w2 from -2.5 to 2.5.
    function xOf(w1) { return 10 + (w1 + 4.5) * 50; }
    function yOf(w2) { return 100 - w2 * 36; }

    function update() {
      var rate = rates[Number(lr.input.value)];
      lr.shown.textContent = rate;
      beta.shown.textContent = beta.input.value;
      beta.input.disabled = choice.value !== "momentum";
      var path = descend(settings, choice.value, Number(rate), Number(beta.input.value));
      var end = path[path.length - 1];
      var loss = 0.5 * (settings.curvature[0] * end[0] * end[0] + settings.curvature[1] * end[1] * end[1]);
      var diverged = !isFinite(loss) || loss > 1e6;
      result.textContent = "after " + settings.steps + " steps: " + (diverged ? "diverged" :
        "w = (" + end[0].toFixed(4) + ", " + end[1].toFixed(4) + "), loss = " + loss.toFixed(4));
      var shown = path.filter(function (p) { return p[0] > -4.6 && p[0] < 1.6 && Math.abs(p[1]) < 2.6; });
      curve.setAttribute("d", shown.map(function (p, i) {
        return (i ? "L" : "M") + xOf(p[0]).toFixed(1) + " " + yOf(p[1]).toFixed(1);
      }).join(" "));
      var last = shown[shown.length - 1] || path[0];
      dot.setAttribute("cx", xOf(last[0]).toFixed(1));
      dot.setAttribute("cy", yOf(last[1]).toFixed(1));
      svg.setAttribute("aria-label", "The path of " + choice.value + " on the stretched bowl from (" +
        settings.start.join(", ") + "): " + result.textContent);
    }

    choice.addEventListener("change", update);
    lr.input.addEventListener("input", update);
    beta.input.addEventListener("input", update);
    update();
  }

  // The site's two series colours in each palette (coursekit.project.PALETTES).
  var CLASS_COLOURS = { default: ["#3f51b5", "#d81b60"], slate: ["#8c9eff", "#ff6f9c"] };

  // Lesson 14's spirals network, trained by nnref when the site was built: a scrubber over
  // the saved frames shows each one's decision regions, loss and accuracy.
  function trainingFrames(root, settings) {
    var id = "nn-frames-" + (++counter);
    root.textContent = "";
    var form = element("form", { class: "nn-widget__controls", "aria-label": "Training epoch" }, root);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var frames = settings.frames;
    var scrub = slider(form, id + "-frame", "epoch", frames.length - 1, 0, frames.length - 1, 1);
    var result = element("p", { class: "nn-widget__result", role: "status", "aria-live": "polite" }, root);
    var canvas = element("canvas", { width: "320", height: "320", class: "nn-widget__canvas", role: "img" }, root);
    var context = canvas.getContext("2d");

    function draw() {
      var frame = frames[Number(scrub.input.value)];
      scrub.shown.textContent = String(frame.epoch);
      result.textContent = "epoch " + frame.epoch + ": training loss " + frame.loss.toFixed(4) +
        ", accuracy " + (100 * frame.accuracy).toFixed(1) + "%";
      var scheme = document.body.getAttribute("data-md-color-scheme") === "slate" ? "slate" : "default";
      var colours = CLASS_COLOURS[scheme];
      var side = Math.round(Math.sqrt(frame.classes.length)), cell = 320 / side;
      context.clearRect(0, 0, 320, 320);
      context.globalAlpha = 0.35;
      for (var r = 0; r < side; r++) {
        for (var c = 0; c < side; c++) {
          context.fillStyle = colours[Number(frame.classes[r * side + c])];
          context.fillRect(c * cell, r * cell, Math.ceil(cell), Math.ceil(cell));
        }
      }
      context.globalAlpha = 1;
      var scale = 160 / settings.extent;
      settings.points.forEach(function (p) {
        context.fillStyle = colours[p[2]];
        context.fillRect(160 + p[0] * scale - 1.5, 160 - p[1] * scale - 1.5, 3, 3);
      });
      canvas.setAttribute("aria-label", "The spirals and the network's decision regions after " +
        result.textContent);
    }

    scrub.input.addEventListener("input", draw);
    new MutationObserver(draw).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    draw();
  }

  var WIDGETS = {
    "training-frames": trainingFrames,
    "descent-bowl": descentBowl,
    "neuron-playground": neuronPlayground,
    "softmax-temperature": softmaxTemperature,
    "matrix-product": matrixProduct,
  };

  function mount() {
    document.querySelectorAll(".nn-widget[data-widget]:not([data-mounted])").forEach(function (root) {
      var draw = WIDGETS[root.getAttribute("data-widget")];
      if (!draw) return;
      draw(root, JSON.parse(root.getAttribute("data-settings")));
      root.setAttribute("data-mounted", "");
    });
  }

  window.nnWidgetsMount = mount; // for the browser suite: draw again after new settings

  // Material's instant navigation swaps the page without a load: mount on each new page.
  if (typeof window.document$ !== "undefined") window.document$.subscribe(mount);
  else document.addEventListener("DOMContentLoaded", mount);
})();
