/*
 * The BPMN diagrams of the pages, drawn by bpmn-js 18 (its navigated viewer from npm, global BpmnJS).
 *
 * Every element with a data-diagram-url becomes a diagram:
 *   data-diagram-url  where the BPMN XML is (GET /diagrams/{processDefinitionId}.bpmn, with the session)
 *   data-current      activity ids to highlight, separated by spaces: the steps an instance stands at;
 *                     each gets the marker class mig-current and a "now" label
 *   data-counts       JSON {activityId: number}: a count shown on each of those steps
 * When it is drawn the element gets data-rendered="true" ("failed" when it could not be).
 * The page says the same in text: the diagram is for those who can see it.
 * Zoom buttons in the same figure ([data-zoom=in|out|fit]) zoom it; dragging pans it. The mouse
 * wheel scrolls the page, never the diagram.
 */
(function () {
  'use strict';

  var MIN_HEIGHT = 260;
  var MAX_HEIGHT = 760;

  function ids(value) {
    return (value || '').split(/\s+/).filter(function (id) { return id.length > 0; });
  }

  function counts(value) {
    if (!value) {
      return {};
    }
    try {
      return JSON.parse(value);
    } catch (e) {
      return {};
    }
  }

  function label(className, text) {
    var span = document.createElement('span');
    span.className = className;
    span.textContent = text;
    return span;
  }

  function figureOf(container) {
    return container.closest('figure') || container.parentNode;
  }

  function say(container, text, failed) {
    var status = figureOf(container).querySelector('.mig-diagram-status');
    if (!status) {
      status = document.createElement('p');
      status.className = 'mig-diagram-status';
      container.parentNode.insertBefore(status, container.nextSibling);
    }
    status.textContent = text;
    status.classList.toggle('error', !!failed);
  }

  /** A height that shows the whole diagram at the container's width, within bounds. */
  function fit(canvas, container) {
    var inner = canvas.viewbox().inner;
    var width = container.clientWidth || 800;
    if (inner.width > 0 && inner.height > 0) {
      var height = Math.round(width * (inner.height + 60) / (inner.width + 60));
      container.style.height = Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, height)) + 'px';
    }
    canvas.resized();
    canvas.zoom('fit-viewport', 'auto');
  }

  function zoomButtons(container, canvas) {
    var tools = figureOf(container).querySelector('.mig-diagram-tools');
    if (!tools) {
      return;
    }
    tools.hidden = false;
    tools.addEventListener('click', function (event) {
      var button = event.target.closest('[data-zoom]');
      if (!button) {
        return;
      }
      var how = button.getAttribute('data-zoom');
      if (how === 'fit') {
        canvas.zoom('fit-viewport', 'auto');
      } else {
        canvas.zoom(canvas.zoom() * (how === 'in' ? 1.25 : 0.8));
      }
    });
  }

  function render(container) {
    if (typeof BpmnJS === 'undefined') {
      say(container, 'The diagram viewer did not load; the steps are described in words on this page.', true);
      container.setAttribute('data-rendered', 'failed');
      return Promise.resolve();
    }
    var current = ids(container.getAttribute('data-current'));
    var numbers = counts(container.getAttribute('data-counts'));
    var viewer = new BpmnJS({ container: container, zoomScroll: { enabled: false } });
    return fetch(container.getAttribute('data-diagram-url'), {
      credentials: 'same-origin',
      headers: { Accept: 'application/xml' }
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('the model could not be read (HTTP ' + response.status + ')');
      }
      return response.text();
    }).then(function (xml) {
      return viewer.importXML(xml);
    }).then(function () {
      var canvas = viewer.get('canvas');
      var elements = viewer.get('elementRegistry');
      var overlays = viewer.get('overlays');
      fit(canvas, container);
      current.forEach(function (id) {
        if (elements.get(id)) {
          canvas.addMarker(id, 'mig-current');
          overlays.add(id, 'mig-now', { position: { top: -22, left: 0 }, html: label('mig-now', 'now') });
        }
      });
      Object.keys(numbers).forEach(function (id) {
        if (elements.get(id) && numbers[id] > 0) {
          canvas.addMarker(id, 'mig-counted');
          var badge = label('mig-count', String(numbers[id]));
          badge.title = numbers[id] + (numbers[id] === 1 ? ' running instance here' : ' running instances here');
          overlays.add(id, 'mig-count', { position: { top: -12, right: 12 }, html: badge });
        }
      });
      zoomButtons(container, canvas);
      var status = figureOf(container).querySelector('.mig-diagram-status');
      if (status) {
        status.remove();
      }
      container.setAttribute('data-rendered', 'true');
    }).catch(function (error) {
      say(container, 'The diagram could not be shown: ' + error.message
          + '. The steps are described in words on this page.', true);
      container.setAttribute('data-rendered', 'failed');
    });
  }

  window.MigDiagram = { render: render };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-diagram-url]'), render);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
