package org.pacer.lrmd.agent;

import java.util.Map;
import java.util.TreeMap;

/** The environment an OCF agent runs with: the whole OCF 1.1 calling convention. */
public final class OcfEnvironment {

  static final String DEFAULT_PATH = "/usr/sbin:/usr/bin:/sbin:/bin";

  private OcfEnvironment() {}

  /** The base environment with Pacer's helper commands first on PATH and as HA_SBIN_DIR. */
  public static Map<String, String> base(AgentConfig config) {
    Map<String, String> env = new TreeMap<>(config.baseEnvironment());
    String inherited = env.getOrDefault("PATH", "");
    String helpers = config.helperDir().toString();
    env.put("PATH", inherited.isEmpty() ? helpers + ":" + DEFAULT_PATH : helpers + ":" + inherited);
    env.put("HA_SBIN_DIR", helpers);
    if (config.agentStateDir() != null) {
      env.put("HA_RSCTMP", config.agentStateDir().toString());
    }
    if (config.varRunDir() != null) {
      env.put("HA_VARRUN", config.varRunDir().toString() + "/");
    }
    env.put("PCMK_service", config.serviceName());
    return env;
  }

  public static Map<String, String> build(AgentConfig config, ActionRequest request) {
    Map<String, String> env = base(config);
    env.put("OCF_ROOT", config.ocfRoot().toString());
    env.put("OCF_FUNCTIONS_DIR", config.ocfRoot().resolve("lib/heartbeat").toString());
    env.put("OCF_RA_VERSION_MAJOR", "1");
    env.put("OCF_RA_VERSION_MINOR", "1");
    env.put("OCF_EXIT_REASON_PREFIX", ExitReasons.PREFIX);
    env.put("OCF_RESOURCE_INSTANCE", request.resourceId());
    env.put("OCF_RESOURCE_TYPE", request.agent().type());
    if (request.agent().provider() != null) {
      env.put("OCF_RESOURCE_PROVIDER", request.agent().provider());
    }
    env.put("OCF_RESKEY_crm_feature_set", config.featureSet());
    // Parameters first, so that no parameter can pose as one of the CRM_meta_ values below.
    request.parameters().forEach((name, value) -> env.put("OCF_RESKEY_" + name, value));
    request.meta().forEach((name, value) -> env.put(metaVariable(name), value));
    env.put(metaVariable("timeout"), Long.toString(request.timeoutMs()));
    env.put(metaVariable("interval"), Long.toString(request.intervalMs()));
    env.put(metaVariable("name"), request.action());
    env.put(metaVariable("on_node"), config.nodeName());
    env.put(metaVariable("on_node_uuid"), config.nodeUuid());
    if (request.checkLevel() != null) {
      env.put("OCF_CHECK_LEVEL", request.checkLevel());
    }
    return env;
  }

  /** {@code clone-max} → {@code OCF_RESKEY_CRM_meta_clone_max}. */
  public static String metaVariable(String metaName) {
    return "OCF_RESKEY_CRM_meta_" + metaName.replace('-', '_');
  }
}
