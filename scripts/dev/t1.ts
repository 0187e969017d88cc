import { people } from '../../src/sites/people';
const t = '点击进入“文艺星青年”>>';
console.log(people.cleanText.map((r) => r.test(t)));
