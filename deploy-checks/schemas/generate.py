#!/usr/bin/env python3
"""Writes the JSON schemas that deploy-checks validates every rendered object against.

Run from the repository root when a version below changes:

    python3 deploy-checks/schemas/generate.py

Everything comes from Maven Central through the Maven wrapper; nothing is fetched when
the checks run. The schemas are made strict: an object's fields are the ones the API
defines and no others (additionalProperties false), as `kubectl apply --validate=strict`
would have it, except where the API keeps unknown fields (x-kubernetes-preserve-unknown-fields).

- Kubernetes (the kinds k8s/ uses): fabric8's kubernetes-model jars carry the API's
  types as JSON schema (schema/validation-schema.json); the Java hints are dropped and
  IntOrString and Quantity put back as what they are on the wire.
- Strimzi (Kafka, KafkaNodePool, KafkaTopic, KafkaUser): the CustomResourceDefinitions
  that Strimzi's own crd-generator makes from its API classes (io.strimzi:api), the
  openAPIV3Schema of the v1 version. The generator needs Java 21 or later.
- Keycloak (Keycloak, KeycloakRealmImport): no registry serves the operator's CRDs, so
  keycloak/*.json are written by hand from the operator's CRD (26.x) for the fields
  this deployment uses, strict in the same way; this script leaves them alone.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import yaml

FABRIC8 = "6.13.5"
STRIMZI = "1.2.0"
ROOT = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(ROOT))

KUBERNETES_KINDS = {
    # (apiVersion, kind): (fabric8 model module, definition)
    ("v1", "Namespace"): ("core", "kubernetes_core_Namespace"),
    ("v1", "Service"): ("core", "kubernetes_core_Service"),
    ("v1", "ConfigMap"): ("core", "kubernetes_core_ConfigMap"),
    ("v1", "Secret"): ("core", "kubernetes_core_Secret"),
    ("v1", "ServiceAccount"): ("core", "kubernetes_core_ServiceAccount"),
    ("apps/v1", "Deployment"): ("apps", "kubernetes_apps_Deployment"),
    ("apps/v1", "StatefulSet"): ("apps", "kubernetes_apps_StatefulSet"),
    ("batch/v1", "Job"): ("batch", "kubernetes_batch_v1_Job"),
    ("autoscaling/v2", "HorizontalPodAutoscaler"): ("autoscaling", "kubernetes_autoscaling_v2_HorizontalPodAutoscaler"),
    ("policy/v1", "PodDisruptionBudget"): ("policy", "kubernetes_policy_v1_PodDisruptionBudget"),
    ("networking.k8s.io/v1", "NetworkPolicy"): ("networking", "kubernetes_networking_v1_NetworkPolicy"),
    ("networking.k8s.io/v1", "Ingress"): ("networking", "kubernetes_networking_v1_Ingress"),
}
STRIMZI_KINDS = {
    "Kafka": "io.strimzi.api.kafka.model.kafka.Kafka",
    "KafkaNodePool": "io.strimzi.api.kafka.model.nodepool.KafkaNodePool",
    "KafkaTopic": "io.strimzi.api.kafka.model.topic.KafkaTopic",
    "KafkaUser": "io.strimzi.api.kafka.model.user.KafkaUser",
}
JAVA_HINTS = {"javaType", "existingJavaType", "javaInterfaces", "javaOmitEmpty", "javaExtends", "javaEnumNames", "default", "required"}
INT_OR_STRING = {"anyOf": [{"type": "integer"}, {"type": "string"}]}
QUANTITY = {"anyOf": [{"type": "string", "pattern": "^[+-]?[0-9.]+([eE][+-]?[0-9]+|[numkMGTPE]i?|Ki)?$"}, {"type": "number"}]}
ANY = {}


def maven_copy(artifact, target):
    subprocess.run([os.path.join(REPO, "mvnw"), "-B", "-q", "-ntp", "dependency:copy",
                    f"-Dartifact={artifact}", f"-DoutputDirectory={target}"], check=True, cwd=REPO)


def strict(node):
    """Drops the Java hints and closes every object with named fields."""
    if isinstance(node, list):
        return [strict(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: strict(v) for k, v in node.items() if k not in JAVA_HINTS}
    if "properties" in out and out.get("additionalProperties", True) is True:
        out["additionalProperties"] = False
    return out


def kubernetes(work):
    definitions = {}
    for module in sorted({m for m, _ in KUBERNETES_KINDS.values()}):
        maven_copy(f"io.fabric8:kubernetes-model-{module}:{FABRIC8}", work)
        with zipfile.ZipFile(os.path.join(work, f"kubernetes-model-{module}-{FABRIC8}.jar")) as jar:
            definitions.update(json.loads(jar.read("schema/validation-schema.json"))["definitions"])
    definitions = {k: strict(v) for k, v in definitions.items()}
    for name in definitions:
        if name.endswith("_IntOrString"):
            definitions[name] = INT_OR_STRING
        elif name.endswith("_Quantity"):
            definitions[name] = QUANTITY
    for loose in ("kubernetes_apimachinery_FieldsV1", "kubernetes_apimachinery_Patch",
                  "kubernetes_apimachinery_pkg_runtime_RawExtension"):
        definitions[loose] = ANY
    for (api_version, kind), (_, name) in KUBERNETES_KINDS.items():
        root = json.loads(json.dumps(definitions[name]))
        root["properties"]["apiVersion"] = {"const": api_version}
        root["properties"]["kind"] = {"const": kind}
        root["required"] = ["apiVersion", "kind", "metadata"]
        write(api_version, kind, closure(root, definitions))
    return definitions


def closure(root, definitions):
    """The root with just the definitions it reaches."""
    needed, queue = {}, [root]
    while queue:
        node = queue.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if ref:
                name = ref.split("/")[-1]
                if name not in needed:
                    needed[name] = definitions[name]
                    queue.append(definitions[name])
            queue.extend(node.values())
        elif isinstance(node, list):
            queue.extend(node)
    schema = {"$schema": "http://json-schema.org/draft-07/schema#"}
    schema.update(root)
    schema["definitions"] = dict(sorted(needed.items()))
    return schema


def openapi_to_json_schema(node):
    """A CRD's openAPIV3Schema as JSON schema: int-or-string, preserved fields, closed objects."""
    if isinstance(node, list):
        return [openapi_to_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: openapi_to_json_schema(v) for k, v in node.items()
           if k not in ("description", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string",
                        "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type",
                        "x-kubernetes-validations", "nullable")}
    if node.get("x-kubernetes-int-or-string"):
        out.pop("type", None)
        out["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if node.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"]
    if "properties" in out and "additionalProperties" not in out and not node.get("x-kubernetes-preserve-unknown-fields"):
        out["additionalProperties"] = False
    return out


def strimzi(work, definitions):
    for artifact in (f"io.strimzi:api:{STRIMZI}", f"io.strimzi:crd-generator:{STRIMZI}"):
        maven_copy(artifact, work)
    java = os.environ.get("JAVA21_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64") + "/bin/java"
    classpath = os.pathsep.join([os.path.join(work, f"api-{STRIMZI}.jar"), os.path.join(work, f"crd-generator-{STRIMZI}.jar")])
    crds = {kind: os.path.join(work, f"{kind}.yaml") for kind in STRIMZI_KINDS}
    subprocess.run([java, "-cp", classpath, "io.strimzi.crdgenerator.CrdGenerator", "--crd-api-version", "v1",
                    "--api-versions", "v1", "--storage-version", "v1", "--yaml"]
                   + [f"{cls}={crds[kind]}" for kind, cls in STRIMZI_KINDS.items()], check=True)
    for kind, path in crds.items():
        crd = yaml.safe_load(open(path))
        version = next(v for v in crd["spec"]["versions"] if v["name"] == "v1")
        root = openapi_to_json_schema(version["schema"]["openAPIV3Schema"])
        api_version = f"{crd['spec']['group']}/v1"
        root["properties"]["apiVersion"] = {"const": api_version}
        root["properties"]["kind"] = {"const": kind}
        root["properties"]["metadata"] = {"$ref": "#/definitions/kubernetes_apimachinery_ObjectMeta"}
        root["required"] = sorted(set(root.get("required", [])) | {"apiVersion", "kind", "metadata"})
        root.pop("additionalProperties", None)
        root["additionalProperties"] = False
        write(api_version, kind, closure(root, definitions))


def write(api_version, kind, schema):
    folder = os.path.join(ROOT, api_version.replace("/", "-") if "/" in api_version else "core-" + api_version)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, kind + ".json"), "w") as out:
        json.dump(schema, out, indent=1, sort_keys=False)
        out.write("\n")
    print("wrote", os.path.relpath(os.path.join(folder, kind + ".json"), REPO))


if __name__ == "__main__":
    work = tempfile.mkdtemp(prefix="anchang-schemas-")
    try:
        definitions = kubernetes(work)
        strimzi(work, definitions)
    finally:
        shutil.rmtree(work)
    sys.exit(0)
