// Building the widget's DOM: preact's hyperscript `h` and `render`, vendored in ../vendor/
// (see its README). `render(tree, container)` updates the nodes already there instead of
// rebuilding them, so focus, caret and open <details> survive every update.
export { h, render, Fragment } from '../vendor/preact.module.js';

/** The document or shadow root `node` is in. */
export const rootOf = (node) => (node.getRootNode ? node.getRootNode() : document);
