// The start-up stages both application pages show (templates/app_macros.html renders
// the markup): 下载运行环境 → 加载校验程序 → 就绪, from the worker client's state.

const STEPS = { runtime: 1, checker: 2, ready: 3 };

// Marks the stages and the progress bar in `box` for `client` (worker_client.js).
export function show_stages(box, client) {
  const stage = client.state === "loading" ? client.stage : null;
  const done = client.state === "ready" ? 3 : stage ? stage.step - 1 : 0;
  const progress = box.querySelector("[data-app-progress]");
  progress.value = done;
  progress.textContent = `${done}/3`;
  for (const item of box.querySelectorAll("[data-stage]")) {
    const n = STEPS[item.dataset.stage];
    item.classList.toggle("is-done", n <= done);
    item.classList.toggle("is-active", Boolean(stage) && n === stage.step);
  }
}
