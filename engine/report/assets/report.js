(function(){"use strict";
/* pmoaudit report.js: print and portfolio-table helpers, then the finding
 * lists. Every listed finding is in the JSON data block #pa-data (columns,
 * see report/html.c data_block); the lists render from it a page at a time
 * (PAGE rows, MORE per "show more"), so the page opens fast however many
 * findings it has. The lists are built once the page has been parsed and
 * shown (a task after this script), so that reading the data does not hold
 * up the first view; until then the markup's rows (the first of each rule,
 * as readers without JavaScript see them) show. When the lists are ready,
 * <html> gets the class "ready" and the performance mark "pa-ready". */
var d=document,A=Array.prototype.slice;d.documentElement.classList.add('js');
function $(i){return d.getElementById(i);}
function fmt(n){return n.toLocaleString('en-US');}
var docs=A.call(d.querySelectorAll('details.doc')),was=[];
window.addEventListener('beforeprint',function(){was=docs.map(function(x){return x.open;});docs.forEach(function(x){x.open=true;});});
window.addEventListener('afterprint',function(){docs.forEach(function(x,i){x.open=!!was[i];});});
var pt=$('ptable');if(pt&&pt.tHead)pt.tHead.addEventListener('click',function(e){
 var th=e.target.closest('th.s');if(!th)return;var c=th.cellIndex,num=th.classList.contains('n')||th.hasAttribute('data-num'),tb=pt.tBodies[0];
 var first=th.hasAttribute('data-asc')?1:num?-1:1,dir=th.getAttribute('aria-sort')==='descending'?1:th.getAttribute('aria-sort')==='ascending'?-1:first;
 A.call(pt.tHead.rows[0].cells).forEach(function(h){h.removeAttribute('aria-sort');});
 th.setAttribute('aria-sort',dir>0?'ascending':'descending');
 var rows=A.call(tb.rows).map(function(tr,i){var td=tr.cells[c],v=td.getAttribute('data-v');if(v===null)v=td.textContent;return{tr:tr,i:i,v:num?+String(v).replace(/,/g,''):v};});
 rows.sort(function(a,b){var x=a.v<b.v?-1:a.v>b.v?1:0;return x*dir||a.i-b.i;});
 var f=d.createDocumentFragment();rows.forEach(function(r){f.appendChild(r.tr);});tb.appendChild(f);});
function ready(){d.documentElement.classList.add('ready');if(window.performance&&performance.mark)performance.mark('pa-ready');}
var de=$('pa-data');if(!de){ready();return;}
setTimeout(lists,0);
function lists(){
var D=JSON.parse(de.textContent),N=D.n,PAGE=100,MORE=500,SL=['info','warning','error','critical'],i;
/* A column of one repeated number comes as that number; owners come per project (po) unless a column (o). */
['r','s','p','o','f','t','l','c','a','b'].forEach(function(k){if(typeof D[k]==='number')D[k]=new Array(N).fill(D[k]);});
if(!D.o){D.o=new Array(N);for(i=0;i<N;i++)D.o[i]=D.p[i]<0?-1:D.po[D.p[i]];}
/* Keys, messages and values that repeat come as numbers into a table of them (ks, ms, vs). */
['k','m','v'].forEach(function(k){var t=D[k+'s'];if(t)D[k]=D[k].map(function(j){return j<0?0:t[j];});});
var EM={'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'};
function esc(s){return s.replace(/[&<>"']/g,function(c){return EM[c];});}
function base(p){var i=p.lastIndexOf('/');return i<0?p:p.slice(i+1);}
var T0=Date.UTC(+D.asof.slice(0,4),+D.asof.slice(5,7)-1,+D.asof.slice(8,10));
function seen(a){return new Date(T0-a*864e5).toISOString().slice(0,10);}
/* One finding as a row: the markup of finding_row() in report/html.c. */
function row(i,rule){
 var s=D.s[i],p=D.p[i],pid=p<0?'':esc(D.prj[p]),o=D.o[i],a=D.a?D.a[i]:-1,b=D.b?D.b[i]:0,f=D.f[i],t=D.t[i],c=D.c[i],k=D.k[i],v=D.v[i];
 var h='<tr data-s="'+s+'" data-p="'+pid+'"'+(o>=0?' data-o="'+esc(D.own[o])+'"':'')+(a>=0?' data-a="'+a+'"':'')+(b?' data-b="'+(b===1?'n':'e')+'"':'')+'>';
 if(rule)h+='<td class="rid">'+esc(D.rules[D.r[i]][0])+'</td>';
 h+='<td><span class="sev s'+s+'">'+SL[s]+'</span></td><td class="pid">'+pid+'</td><td class="mono key">'+(k?esc(k):'')+'</td><td class="where">';
 if(f>=0)h+='<span title="'+esc(D.file[f])+'">'+esc(base(D.file[f]))+'</span>'+(D.l[i]?':'+D.l[i]:'');else if(t>=0)h+=esc(D.tab[t]);
 if(c>=0)h+='<span class="col">'+esc(D.col[c])+'</span>';
 h+='</td><td class="msg">'+(D.m[i]?esc(D.m[i]):'')+'</td><td class="val">'+(v?'<code>'+esc(v)+'</code>':'')+'</td>';
 if(!rule&&D.a)h+=a>=0?'<td class="age" title="first seen '+seen(a)+'">'+a+' d</td>':'<td class="age"></td>';
 if(!rule&&D.b)h+=b===1?'<td><span class="bl bn">NEW</span></td>':b===2?'<td><span class="bl be">existing</span></td>':'<td></td>';
 return h+'</tr>';}
/* A list: a tbody showing the first lim of its findings, and a pager under
 * its table saying how many it shows and offering more. */
function List(tb,after,rule,what){this.tb=tb;this.rule=rule;this.what=what;this.list=[];this.lim=PAGE;this.m=tb.rows.length;
 this.pg=d.createElement('p');this.pg.className='more pg';this.pg.hidden=true;after.parentNode.insertBefore(this.pg,after.nextSibling);this.pg.L=this;}
List.prototype.render=function(){var L=this.list,m=Math.min(L.length,this.lim),h='';
 for(var x=0;x<m;x++)h+=row(L[x],this.rule);if(m||this.m)this.tb.innerHTML=h;this.m=m;
 var left=L.length-m,pg=this.pg;pg.hidden=!left;
 if(left)pg.innerHTML='Showing the first '+fmt(m)+' of '+fmt(L.length)+' '+this.what+'. <button type="button" data-more>Show '+fmt(Math.min(left,MORE))+' more</button>'+(left<=5000&&left>MORE?' <button type="button" data-all>Show all '+fmt(L.length)+'</button>':'');};
d.addEventListener('click',function(e){var t=e.target;if(!t.closest)return;var b=t.closest('p.pg button');if(!b)return;
 var L=b.parentNode.L;L.lim=b.hasAttribute('data-all')?L.list.length:L.lim+MORE;L.render();});
/* New since the baseline: every new finding, most severe first. */
var nb=$('new-rows');if(nb&&D.b){var NL=new List(nb,nb.closest('.tw'),true,'new findings');
 for(i=0;i<N;i++)if(D.b[i]===1)NL.list.push(i);NL.list.sort(function(a,b){return D.s[b]-D.s[a]||a-b;});NL.render();}
var box=$('groups'),ctl=$('ctl');if(!box||!ctl){ready();return;}
var G=[],GL=A.call(box.querySelectorAll('section.rule')).map(function(el,gi){
 var k=+el.getAttribute('data-g'),g=new List(el.querySelector('tbody'),el.querySelector('.tw'),false,'findings of this list');
 g.el=el;g.gi=gi;g.r=el.getAttribute('data-r');g.dm=el.getAttribute('data-d');g.s=+el.getAttribute('data-s');g.ma=-1;g.idx=[];g.cnt=el.querySelector('.shown');G[k]=g;return g;});
for(i=0;i<N;i++){var g=G[D.r[i]];if(g){g.idx.push(i);if(D.a&&D.a[i]>g.ma)g.ma=D.a[i];}}
/* The findings of each project, built the first time a project is chosen. */
var PI=null,BP=null;
function byProject(id){if(!PI){PI=Object.create(null);BP=D.prj.map(function(){return[];});D.prj.forEach(function(p,j){PI[p]=j;});for(var i=0;i<N;i++)if(D.p[i]>=0)BP[D.p[i]].push(i);}
 var j=PI[id];return j===undefined?[]:BP[j];}
var H=null;function hay(i){if(!H)H=new Array(N);if(H[i]===undefined){var p=D.p[i],f=D.f[i],t=D.t[i],c=D.c[i];
 H[i]=[SL[D.s[i]],p<0?'':D.prj[p],D.k[i]||'',f>=0?base(D.file[f])+':'+D.l[i]:t>=0?D.tab[t]:'',c>=0?D.col[c]:'',D.m[i]||'',D.v[i]||'',D.o[i]>=0?D.own[D.o[i]]:''].join(' ').toLowerCase();}return H[i];}
var sev=A.call(ctl.querySelectorAll('input[name=sev]')),fD=$('f-dom'),fP=$('f-prj'),fO=$('f-own'),fR=$('f-rule'),fB=$('f-bl'),fT=$('f-txt'),fS=$('f-sort'),out=$('f-count'),none=$('f-none'),more=$('f-more');
var byI=function(a,b){return a-b;},RC={rule:byI,dom:byI,
 sev:function(a,b){return D.s[b]-D.s[a]||a-b;},
 prj:function(a,b){var x=D.p[a],y=D.p[b];if(x===y)return a-b;if(x<0)return 1;if(y<0)return-1;x=D.prj[x];y=D.prj[y];return x<y?-1:x>y?1:a-b;},
 age:function(a,b){return D.a[b]-D.a[a]||a-b;}};
var byG=function(a,b){return a.gi-b.gi;},GC={rule:byG,prj:byG,
 sev:function(a,b){return b.s-a.s||a.gi-b.gi;},
 dom:function(a,b){return a.dm<b.dm?-1:a.dm>b.dm?1:a.gi-b.gi;},
 age:function(a,b){return b.ma-a.ma||a.gi-b.gi;}};
/* Choose the findings that pass the filters, sort them, show the first page of each list. */
var order='rule';
function apply(){
 var on=[0,0,0,0];sev.forEach(function(c){if(c.checked)on[+c.value]=1;});
 var dm=fD.value,pv=fP.value,ov=fO?fO.value:'',ru=fR.value,bl=fB?fB.value:'',tx=fT.value.trim().toLowerCase(),k=RC[fS.value]?fS.value:'rule';
 var oi=ov?D.own.indexOf(ov):-1,bi=bl==='n'?1:bl==='e'?2:0,cand=pv?byProject(pv):null,n=cand?cand.length:N,shown=0;
 var each=pv||ov||bl||tx||!(on[0]&&on[1]&&on[2]&&on[3]);
 GL.forEach(function(g){g.ok=(!dm||g.dm===dm)&&(!ru||g.r===ru);g.list=each||!g.ok?[]:g.idx;g.lim=PAGE;});
 if(each&&(!ov||oi>=0))for(var x=0;x<n;x++){var i=cand?cand[x]:x,g=G[D.r[i]];
  if(!g||!g.ok||!on[D.s[i]]||(ov&&D.o[i]!==oi)||(bi&&D.b[i]!==bi)||(tx&&hay(i).indexOf(tx)<0))continue;g.list.push(i);}
 GL.forEach(function(g){if(RC[k]!==byI)g.list=g.list.slice().sort(RC[k]);g.render();shown+=g.list.length;
  g.el.hidden=g.idx.length?!g.list.length:!g.ok;g.el.setAttribute('data-n',g.list.length);
  if(g.cnt)g.cnt.textContent=g.list.length===g.idx.length?'':fmt(g.list.length)+' of '+fmt(g.idx.length)+' match the filters';});
 if(k!==order){order=k;var f=d.createDocumentFragment();GL.slice().sort(GC[k]||byG).forEach(function(g){f.appendChild(g.el);});box.appendChild(f);}
 out.textContent=(shown===N?'Showing all ':'Showing '+fmt(shown)+' of ')+fmt(N)+' listed findings';
 none.hidden=shown!==0;
 var o=pv?fP.options[fP.selectedIndex]:ov?fO.options[fO.selectedIndex]:null,m=o?+(o.getAttribute('data-more')||0):0,who=pv||ov;
 if(more){more.hidden=!m;more.textContent=m?fmt(m)+' not listed: '+fmt(m)+' more '+(m===1?'finding':'findings')+' of '+who+' '+(m===1?'is':'are')+' past --max-findings, counted but listed in no report.':'';}}
function setProject(p){if(!A.call(fP.options).some(function(o){return o.value===p;})){var o=d.createElement('option');o.value=p;o.textContent=p;fP.appendChild(o);}fP.value=p;apply();}
ctl.addEventListener('change',apply);
var tm=0;fT.addEventListener('input',function(){clearTimeout(tm);tm=setTimeout(apply,150);});
ctl.addEventListener('submit',function(e){e.preventDefault();});
$('f-reset').addEventListener('click',function(){sev.forEach(function(c){c.checked=true;});[fD,fP,fO,fR,fB].forEach(function(s){if(s)s.value='';});fT.value='';fS.value='rule';apply();});
d.addEventListener('click',function(e){var t=e.target.closest?e.target.closest('a[data-p],a[data-sev]'):null;
 if(!t)return;e.preventDefault();
 if(t.hasAttribute('data-p'))setProject(t.getAttribute('data-p'));
 else{var s=t.getAttribute('data-sev');sev.forEach(function(c){c.checked=c.value===s;});apply();}
 $('findings').scrollIntoView();});
function fromHash(){var m=/^#project=(.*)$/.exec(location.hash);if(m){try{setProject(decodeURIComponent(m[1]));return true;}catch(x){}}return false;}
window.addEventListener('hashchange',fromHash);
if(!fromHash())apply();
ready();}
})();
