// The pages' DOM helper (在线自评 and 批量初审): user data reaches the DOM only as text
// and attribute values, never as HTML.

// el("td", {class: "x", text: "…", "data-id": 3}, child, [children], "text")
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false || child === "") continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// The element carrying the attribute `hook` (data-… hooks name what scripts touch).
export function q(root, hook) {
  return root.querySelector(`[${hook}]`);
}

// A dotted key (industry.total_output) that may break after each dot: narrow
// columns wrap it between its parts, never mid-word.
export function breakable(text) {
  const parts = String(text).split(".");
  return parts.flatMap((part, i) => (i < parts.length - 1 ? [`${part}.`, el("wbr")] : [part]));
}
