package org.pacer.membership.cpg;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What process groups say to each other through the ring. */
sealed interface CpgMessage
    permits CpgMessage.Join, CpgMessage.Leave, CpgMessage.Mcast, CpgMessage.Sync {

  record Join(String group, long pid) implements CpgMessage {}

  record Leave(String group, long pid, CpgEvent.Reason reason) implements CpgMessage {}

  record Mcast(String group, long pid, byte[] payload) implements CpgMessage {}

  /**
   * After every new ring each node states its own members of every group: what its join and leave
   * requests will have made them once they are all delivered.
   */
  record Sync(Map<String, Set<Long>> local) implements CpgMessage {}

  static byte[] encode(CpgMessage m) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      if (m instanceof Join j) {
        out.writeByte(1);
        str(out, j.group());
        out.writeLong(j.pid());
      } else if (m instanceof Leave l) {
        out.writeByte(2);
        str(out, l.group());
        out.writeLong(l.pid());
        out.writeByte(l.reason().ordinal());
      } else if (m instanceof Mcast c) {
        out.writeByte(3);
        str(out, c.group());
        out.writeLong(c.pid());
        out.writeInt(c.payload().length);
        out.write(c.payload());
      } else if (m instanceof Sync s) {
        out.writeByte(4);
        out.writeInt(s.local().size());
        for (var e : s.local().entrySet()) {
          str(out, e.getKey());
          out.writeInt(e.getValue().size());
          for (long pid : e.getValue()) {
            out.writeLong(pid);
          }
        }
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CpgMessage decode(byte[] data) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data));
    int type = in.readUnsignedByte();
    switch (type) {
      case 1:
        return new Join(str(in), in.readLong());
      case 2:
        {
          String g = str(in);
          long pid = in.readLong();
          int reason = in.readUnsignedByte();
          if (reason >= CpgEvent.Reason.values().length) {
            throw new IOException("bad leave reason " + reason);
          }
          return new Leave(g, pid, CpgEvent.Reason.values()[reason]);
        }
      case 3:
        {
          String g = str(in);
          long pid = in.readLong();
          int len = in.readInt();
          if (len < 0 || len > data.length) {
            throw new IOException("bad payload length " + len);
          }
          byte[] payload = new byte[len];
          in.readFully(payload);
          return new Mcast(g, pid, payload);
        }
      case 4:
        {
          int groups = in.readInt();
          Map<String, Set<Long>> local = new TreeMap<>();
          for (int i = 0; i < groups; i++) {
            String g = str(in);
            int n = in.readInt();
            Set<Long> pids = new TreeSet<>();
            for (int k = 0; k < n; k++) {
              pids.add(in.readLong());
            }
            local.put(g, pids);
          }
          return new Sync(local);
        }
      default:
        throw new IOException("unknown process-group message type " + type);
    }
  }

  private static void str(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeShort(b.length);
    out.write(b);
  }

  private static String str(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readUnsignedShort()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
