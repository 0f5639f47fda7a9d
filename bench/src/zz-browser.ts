import { buildSandbox } from "@tvr/sandbox";
import { chromium } from "playwright-core";
import { readdirSync, readFileSync } from "node:fs";
const CHROMIUM_ARGS = ["--no-sandbox","--disable-gpu","--disable-dev-shm-usage","--disable-background-networking"];
const ticks = (pid:number)=>{ try{const f=readFileSync(`/proc/${pid}/stat`,"utf8"); const x=f.slice(f.lastIndexOf(")")+2).split(" "); return {pp:+x[1], t:(+x[11]+ +x[12]+ +x[13]+ +x[14])/100};}catch{return null}};
const chromeCpu = () => { const kids=new Map<number,number[]>(); for(const e of readdirSync("/proc")){const p=+e; if(!p) continue; const s=ticks(p); if(!s) continue; kids.set(s.pp,[...(kids.get(s.pp)??[]),p]);} let tot=0; const q=[...(kids.get(process.pid)??[])]; while(q.length){const p=q.shift()!; tot+=ticks(p)?.t??0; q.push(...(kids.get(p)??[]));} return tot; };
const sandbox = await buildSandbox({ catalogSize: 400, seed: 42, knobs: { sites: { jsOnlyShare: 1, blockedShare: 0 } } });
const urls = await sandbox.listen({ port: 0, host: "127.0.0.1" });
const paths = sandbox.truth().series.filter(s=>s.rt_path && !s.rt_absence).slice(0,20).map(s=>urls.rt + s.rt_path);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: [...CHROMIUM_ARGS, ...(process.argv[2]==="limit"?["--renderer-process-limit=1"]:[])] });
const warm = await browser.newContext(); await (await warm.newPage()).goto(paths[0]!); await warm.close();
async function fresh(){ for(const u of paths){ const c=await browser.newContext(); const p=await c.newPage(); await p.goto(u,{waitUntil:"domcontentloaded"}); await p.waitForSelector("[slot], #all-critics-numbers, score-board", {timeout:5000}).catch(()=>0); await p.content(); await c.close(); } }
async function reusedContext(){ const c=await browser.newContext(); for(const u of paths){ const p=await c.newPage(); await p.goto(u,{waitUntil:"domcontentloaded"}); await p.waitForSelector("[slot], #all-critics-numbers, score-board", {timeout:5000}).catch(()=>0); await p.content(); await p.close(); } await c.close(); }
async function reusedPage(){ const c=await browser.newContext(); const p=await c.newPage(); for(const u of paths){ await p.goto(u,{waitUntil:"domcontentloaded"}); await p.waitForSelector("[slot], #all-critics-numbers, score-board", {timeout:5000}).catch(()=>0); await p.content(); } await c.close(); }
for (const [n,f] of [["fresh context",fresh],["one context, new pages",reusedContext],["one page reused",reusedPage],["fresh context",fresh]] as const) {
  const c0=chromeCpu(); const n0=process.cpuUsage(); const t0=performance.now(); await f(); const n1=process.cpuUsage(n0);
  console.log(n.padEnd(25), "chromium cpu s/page", ((chromeCpu()-c0)/paths.length).toFixed(3), "node ms/page", ((n1.user+n1.system)/1000/paths.length).toFixed(1), "wall ms/page", ((performance.now()-t0)/paths.length).toFixed(0));
}
await browser.close(); await sandbox.close();
