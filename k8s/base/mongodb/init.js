// Starts the replica set rs0 once and gives every service its own user on its own
// database (readWrite there, nothing elsewhere). Run by the mongodb-init Job; safe to
// run again: an initiated set is left alone, an existing user gets the current password.
const env = process.env;
const members = [0, 1, 2].map(i => ({ _id: i, host: `mongodb-${i}.mongodb:27017` }));
const services = ["reception", "customer", "deal", "finance", "reporting"];

function connect(host) {
  return new Mongo(`mongodb://${encodeURIComponent(env.MONGODB_ROOT_USERNAME)}:${encodeURIComponent(env.MONGODB_ROOT_PASSWORD)}`
    + `@${host}/admin?authSource=admin&directConnection=true`);
}

const first = connect("mongodb-0.mongodb:27017").getDB("admin");
let initiated = true;
try {
  first.adminCommand({ replSetGetStatus: 1 });
} catch (e) {
  if (e.codeName !== "NotYetInitialized") throw e;
  initiated = false;
}
if (!initiated) {
  first.adminCommand({ replSetInitiate: { _id: "rs0", members } });
  print("replica set rs0 initiated");
}

let primary = null;
for (let attempt = 0; attempt < 120 && primary === null; attempt++) {
  const hello = first.adminCommand({ hello: 1 });
  if (hello.primary) {
    primary = hello.primary;
  } else {
    sleep(1000);
  }
}
if (primary === null) throw new Error("no primary after 120 s");

const admin = connect(primary).getDB("admin");
for (const service of services) {
  const user = `${service}-service`;
  const password = env[`${service.toUpperCase()}_SERVICE_PASSWORD`];
  if (!password) throw new Error(`no password for ${user}`);
  const db = admin.getSiblingDB(service);
  const roles = [{ role: "readWrite", db: service }];
  if (db.getUser(user) === null) {
    db.createUser({ user, pwd: password, roles }, { w: "majority" });
    print(`user ${user} created on ${service}`);
  } else {
    db.updateUser(user, { pwd: password, roles }, { w: "majority" });
    print(`user ${user} updated on ${service}`);
  }
}
