// 业务大厅 (manual 1.1, 2.1): after logging in to the unified platform, the user's applications;
// 进入应用 on 商务部进出口许可证统一管理平台 leads CA users to 选择对应在有效期内的CA first, then to the
// licence platform where 出口许可证 is chosen. The mock host runs this one application only.
import { $, el, header, sessionOrLogin } from './portal.js';

const APPLICATIONS = [
  {
    id: 'licence',
    name: '商务部进出口许可证统一管理平台',
    about: '进出口许可证申领、二手车出口企业备案等业务',
    href: (p) => (p.kind === 'ca' ? '/licence/ca' : '/licence'),
  },
];

async function start() {
  const session = await sessionOrLogin();
  if (!session) return;
  header(session);
  $('apps').replaceChildren(...APPLICATIONS.map((app) => el('li', { class: 'app-card', 'data-app': app.id },
    el('div', { class: 'app-icon' }, '证'),
    el('div', { class: 'app-text' }, el('h3', {}, app.name), el('p', {}, app.about)),
    el('a', { class: 'enter', href: app.href(session.principal), 'data-enter': app.id }, '进入应用'))));
}

start().catch(() => {
  $('message').textContent = '业务大厅加载失败，请刷新页面重试。';
  $('message').className = 'message error';
});
