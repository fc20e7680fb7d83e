// Every template of the web application compiled by the Vue the gateway ships (its WebJar, the version gateway/pom.xml
// names): a broken template — a tag left open, an expression that is not JavaScript — fails here, naming its view,
// instead of only in the slow browser test (or on a clerk's screen). `node --test` in this folder; no browser, no npm.
//
// The WebJar is read from the local Maven repository (MAVEN_REPO_LOCAL, else ~/.m2/repository), where any build of the
// gateway puts it; on a clean machine fetch it first (.ci/run does):
//   ./mvnw -B -ntp dependency:get -Dartifact=org.webjars.npm:vue:<version> -Dtransitive=false
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import vm from 'node:vm';

const APP = new URL('../../gateway/src/main/resources/static/assets/app/', import.meta.url);
const GATEWAY_POM = new URL('../../gateway/pom.xml', import.meta.url);

/** One file of a zip (a jar): found in the central directory, inflated from its local entry. */
export function unzipEntry(zip, name) {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('a broken zip directory');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      throw new Error(`${name}: compression method ${method}`);
    }
    at += 46 + nameLength + extra + comment;
  }
  return null;
}

/** Vue's full build (with the template compiler; the development one, which also checks expressions) from the WebJar. */
async function shippedVue() {
  const version = (await readFile(GATEWAY_POM, 'utf8')).match(/<webjar\.vue\.version>([^<]+)</)?.[1];
  assert.ok(version, 'gateway/pom.xml names no webjar.vue.version');
  const repository = process.env.MAVEN_REPO_LOCAL || join(homedir(), '.m2', 'repository');
  const jar = join(repository, 'org', 'webjars', 'npm', 'vue', version, `vue-${version}.jar`);
  assert.ok(existsSync(jar), `the Vue WebJar ${version} is not in ${repository}: build the gateway, or `
    + `./mvnw -B -ntp dependency:get -Dartifact=org.webjars.npm:vue:${version} -Dtransitive=false`);
  const source = unzipEntry(await readFile(jar), `META-INF/resources/webjars/vue/${version}/dist/vue.global.js`);
  assert.ok(source, `vue-${version}.jar holds no dist/vue.global.js`);
  const sandbox = { console: { ...console, info() {} } }; // not the development build's greeting
  vm.runInNewContext(`${source.toString('utf8')}\n;globalThis.Vue = Vue;`, sandbox, { filename: `vue-${version}/dist/vue.global.js` });
  return { Vue: sandbox.Vue, version };
}

/** What the page's other globals offer the modules as they load (they are called only once a screen runs). */
function stand(name) {
  return new Proxy(function standIn() {}, {
    get: (target, key) => (key === Symbol.toPrimitive ? () => name : key === 'then' ? undefined : stand(`${name}.${String(key)}`)),
    apply: () => stand(`${name}()`),
    construct: () => stand(`new ${name}`),
  });
}

const isComponent = (value) => !!value && typeof value === 'object' && (typeof value.template === 'string' || !!value.components);

/**
 * The templates of the modules' exported components, each named by its file and export, then of the components they
 * name that no module exports (named by the path to them), each once.
 */
function templatesOf(exported) {
  const found = [];
  const seen = new Set(exported.map(([, component]) => component));
  const walk = (component, name) => {
    if (typeof component.template === 'string') found.push({ name, template: component.template });
    for (const [key, child] of Object.entries(component.components || {})) {
      if (isComponent(child) && !seen.has(child)) {
        seen.add(child);
        walk(child, `${name} › ${key}`);
      }
    }
  };
  for (const [name, component] of exported) walk(component, name);
  return found;
}

/** Every compile error (not warning) of a template: Vue's message, with the line of the template it is on. */
function compileErrors(Vue, template) {
  const errors = [];
  try {
    Vue.compile(template, {
      onError: (error) => {
        const line = error.loc ? ` (line ${error.loc.start.line} of the template: ${template.split('\n')[error.loc.start.line - 1]?.trim()})` : '';
        errors.push(`${error.message}${line}`);
      },
      onWarn: () => {},
      // the browser decodes entities with a DOM element, which Node has not; a compile error does not depend on it
      decodeEntities: (raw) => raw,
    });
  } catch (error) {
    // the render function Vue made of it is not JavaScript
    errors.push(`${error.name}: ${error.message}`);
  }
  return errors;
}

const { Vue, version } = await shippedVue();

test(`the compiler of the Vue the gateway ships reports a broken template (harness check)`, () => {
  assert.match(version, /^3\./);
  assert.deepEqual(compileErrors(Vue, '<div><a-button @click="go">{{ $t(\'x\') }}</a-button></div>'), []);
  assert.ok(compileErrors(Vue, '<div><span>open').length > 0, 'a tag left open');
  assert.ok(compileErrors(Vue, '<p>{{ a b }}</p>').length > 0, 'an expression that is not JavaScript');
  assert.ok(compileErrors(Vue, '<p v-if="">x</p>').length > 0, 'a directive without its expression');
});

test('every view and component template of the web application compiles, each named on failure', async (t) => {
  const folder = await mkdtemp(join(tmpdir(), 'anchang-templates-'));
  try {
    // a copy beside a package.json that says "module": the files are served as they are, with no such file near them
    await cp(APP, folder, { recursive: true });
    await writeFile(join(folder, 'package.json'), '{ "type": "module" }');
    Object.assign(globalThis, { Vue, VueI18n: stand('VueI18n'), VueRouter: stand('VueRouter') });
    const files = (await readdir(folder, { recursive: true }))
      .filter((file) => file.endsWith('.js') && file !== 'main.js').sort();
    assert.ok(files.length > 40, `found ${files.length} modules`);
    const exported = [];
    for (const file of files) {
      const module = await import(pathToFileURL(join(folder, file)).href);
      for (const [name, value] of Object.entries(module)) if (isComponent(value)) exported.push([`${file} ${name}`, value]);
    }
    const found = templatesOf(exported);
    const views = files.filter((file) => file.startsWith('views'));
    for (const view of views) assert.ok(found.some((f) => f.name.startsWith(`${view} `)), `${view}: no template found`);
    assert.ok(found.length >= views.length, `found ${found.length} templates`);
    const broken = found.map(({ name, template }) => ({ name, errors: compileErrors(Vue, template) })).filter((t) => t.errors.length);
    assert.deepEqual(broken.map((b) => `${b.name}: ${b.errors.join('; ')}`), [], 'templates that do not compile');
    t.diagnostic(`${found.length} templates of ${files.length} modules compiled by Vue ${version}`);
  } finally {
    delete globalThis.VueI18n;
    delete globalThis.VueRouter;
    delete globalThis.Vue;
    await rm(folder, { recursive: true, force: true });
  }
});
