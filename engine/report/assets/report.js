(function(){"use strict";
var d=document,A=Array.prototype.slice;d.documentElement.classList.add('js');
function $(i){return d.getElementById(i);}
var docs=A.call(d.querySelectorAll('details.doc')),was=[];
window.addEventListener('beforeprint',function(){was=docs.map(function(x){return x.open;});docs.forEach(function(x){x.open=true;});});
window.addEventListener('afterprint',function(){docs.forEach(function(x,i){x.open=!!was[i];});});
var pt=$('ptable');if(pt&&pt.tHead)pt.tHead.addEventListener('click',function(e){
 var th=e.target.closest('th.s');if(!th)return;var c=th.cellIndex,num=th.classList.contains('n')||th.hasAttribute('data-num'),tb=pt.tBodies[0];
 var dir=th.getAttribute('aria-sort')==='descending'?1:th.getAttribute('aria-sort')==='ascending'?-1:(num?-1:1);
 A.call(pt.tHead.rows[0].cells).forEach(function(h){h.removeAttribute('aria-sort');});
 th.setAttribute('aria-sort',dir>0?'ascending':'descending');
 var rows=A.call(tb.rows).map(function(tr,i){var td=tr.cells[c],v=td.getAttribute('data-v');if(v===null)v=td.textContent;return{tr:tr,i:i,v:num?+String(v).replace(/,/g,''):v};});
 rows.sort(function(a,b){var x=a.v<b.v?-1:a.v>b.v?1:0;return x*dir||a.i-b.i;});
 var f=d.createDocumentFragment();rows.forEach(function(r){f.appendChild(r.tr);});tb.appendChild(f);});
var box=$('groups'),ctl=$('ctl');if(!box||!ctl)return;
var G=A.call(box.querySelectorAll('section.rule')).map(function(g,gi){
 var tb=g.querySelector('tbody'),rows=tb?A.call(tb.rows):[];
 var R=rows.map(function(tr,i){var a=tr.getAttribute('data-a');return{el:tr,i:i,s:+tr.getAttribute('data-s'),p:tr.getAttribute('data-p')||'',o:tr.getAttribute('data-o')||'',b:tr.getAttribute('data-b')||'',a:a===null?-1:+a,t:null};});
 var ma=-1;R.forEach(function(r){if(r.a>ma)ma=r.a;});
 return{el:g,tb:tb,gi:gi,r:g.getAttribute('data-r'),dm:g.getAttribute('data-d'),s:+g.getAttribute('data-s'),ma:ma,rows:R,cnt:g.querySelector('.shown')};});
var sev=A.call(ctl.querySelectorAll('input[name=sev]')),fD=$('f-dom'),fP=$('f-prj'),fO=$('f-own'),fR=$('f-rule'),fB=$('f-bl'),fT=$('f-txt'),fS=$('f-sort'),out=$('f-count'),none=$('f-none');
var sev=A.call(ctl.querySelectorAll('input[name=sev]')),fD=$('f-dom'),fP=$('f-prj'),fR=$('f-rule'),fB=$('f-bl'),fT=$('f-txt'),fS=$('f-sort'),out=$('f-count'),none=$('f-none'),more=$('f-more');
function apply(){
 var on={};sev.forEach(function(c){if(c.checked)on[c.value]=1;});
 var dm=fD.value,p=fP.value,ow=fO?fO.value:'',ru=fR.value,bl=fB?fB.value:'',tx=fT.value.trim().toLowerCase(),n=0,tot=0;
 G.forEach(function(g){var v=0,gok=(!dm||g.dm===dm)&&(!ru||g.r===ru);
  g.rows.forEach(function(r){tot++;var ok=!!(gok&&on[r.s]&&(!p||r.p===p)&&(!ow||r.o===ow)&&(!bl||r.b===bl));
   if(ok&&tx){if(r.t===null)r.t=r.el.textContent.toLowerCase();ok=r.t.indexOf(tx)>=0;}
   if(r.el.hidden===ok)r.el.hidden=!ok;if(ok)v++;});
  g.el.hidden=v===0;if(g.cnt)g.cnt.textContent=v===g.rows.length?'':'showing '+v+' of '+g.rows.length+' listed';n+=v;});
 out.textContent=(n===tot?'Showing all ':'Showing '+n.toLocaleString('en-US')+' of ')+tot.toLocaleString('en-US')+' listed findings';
 none.hidden=n!==0;
 var o=p?fP.options[fP.selectedIndex]:null,m=o?+(o.getAttribute('data-more')||0):0;
 if(more){more.hidden=!m;more.textContent=m?m.toLocaleString('en-US')+' more '+(m===1?'finding':'findings')+' of '+p+' '+(m===1?'is':'are')+' counted but not listed on this page: the lists are cut per rule (see the note under each rule).':'';}}
var byI=function(a,b){return a.i-b.i;},RC={rule:byI,dom:byI,loc:byI,
 sev:function(a,b){return b.s-a.s||a.i-b.i;},
 prj:function(a,b){return(a.p===''?1:0)-(b.p===''?1:0)||(a.p<b.p?-1:a.p>b.p?1:a.i-b.i);},
 age:function(a,b){return b.a-a.a||a.i-b.i;}};
var byG=function(a,b){return a.gi-b.gi;},GC={rule:byG,loc:byG,prj:byG,
 sev:function(a,b){return b.s-a.s||a.gi-b.gi;},
 dom:function(a,b){return a.dm<b.dm?-1:a.dm>b.dm?1:a.gi-b.gi;},
 age:function(a,b){return b.ma-a.ma||a.gi-b.gi;}};
function sort(){var k=fS.value;if(!RC[k])k='rule';
 G.forEach(function(g){if(!g.tb)return;var f=d.createDocumentFragment();g.rows.slice().sort(RC[k]).forEach(function(r){f.appendChild(r.el);});g.tb.appendChild(f);});
 var f=d.createDocumentFragment();G.slice().sort(GC[k]).forEach(function(g){f.appendChild(g.el);});box.appendChild(f);}
function setProject(p){if(!A.call(fP.options).some(function(o){return o.value===p;})){var o=d.createElement('option');o.value=p;o.textContent=p;fP.appendChild(o);}fP.value=p;apply();}
ctl.addEventListener('change',function(e){if(e.target===fS)sort();else apply();});
var tm=0;fT.addEventListener('input',function(){clearTimeout(tm);tm=setTimeout(apply,150);});
ctl.addEventListener('submit',function(e){e.preventDefault();});
$('f-reset').addEventListener('click',function(){sev.forEach(function(c){c.checked=true;});[fD,fP,fO,fR,fB].forEach(function(s){if(s)s.value='';});fT.value='';fS.value='rule';sort();apply();});
d.addEventListener('click',function(e){var t=e.target.closest?e.target.closest('a[data-p],a[data-sev]'):null;
 if(!t)return;e.preventDefault();
 if(t.hasAttribute('data-p'))setProject(t.getAttribute('data-p'));
 else{var s=t.getAttribute('data-sev');sev.forEach(function(c){c.checked=c.value===s;});apply();}
 $('findings').scrollIntoView();});
function fromHash(){var m=/^#project=(.*)$/.exec(location.hash);if(m){try{setProject(decodeURIComponent(m[1]));}catch(x){}}}
window.addEventListener('hashchange',fromHash);
fromHash();apply();
})();
