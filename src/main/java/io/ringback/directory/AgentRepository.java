package io.ringback.directory;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code agent}, {@code agent_interface}, {@code agent_queue} and {@code agent_group} tables. */
@Repository
class AgentRepository {

    private static final String SELECT = """
            select a.user_id, a.display_name, a.created_at, a.updated_at,
                   array(select i.member_interface from agent_interface i where i.user_id = a.user_id) as interfaces,
                   array(select q.queue from agent_queue q where q.user_id = a.user_id) as queues,
                   array(select g.group_name from agent_group g where g.user_id = a.user_id) as groups
            from agent a
            """;

    private final JdbcClient jdbc;

    AgentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Agent> find(String userId) {
        return jdbc.sql(SELECT + "where a.user_id = ?").param(userId).query(AgentRepository::map).optional();
    }

    /** Agents in a group and serving a queue (null: any), by user id. */
    List<Agent> search(String group, String queue) {
        return jdbc.sql(SELECT + """
                        where (cast(:group as text) is null
                               or exists (select 1 from agent_group g where g.user_id = a.user_id and g.group_name = :group))
                          and (cast(:queue as text) is null
                               or exists (select 1 from agent_queue q where q.user_id = a.user_id and q.queue = :queue))
                        order by a.user_id collate "C"
                        """)
                .param("group", group).param("queue", queue).query(AgentRepository::map).list();
    }

    Optional<Agent> byInterface(String memberInterface) {
        return jdbc.sql(SELECT + "where a.user_id = (select user_id from agent_interface where lower(member_interface) = ?)")
                .param(Agent.interfaceKey(memberInterface)).query(AgentRepository::map).optional();
    }

    boolean exists(String userId) {
        return jdbc.sql("select exists (select 1 from agent where user_id = ?)").param(userId).query(Boolean.class).single();
    }

    Set<String> interfacesOf(String userId) {
        return new TreeSet<>(jdbc.sql("select member_interface from agent_interface where user_id = ?")
                .param(userId).query(String.class).list());
    }

    Set<String> membersOf(String group) {
        return new TreeSet<>(jdbc.sql("select user_id from agent_group where group_name = ?")
                .param(group).query(String.class).list());
    }

    Set<String> interfacesOfGroup(String group) {
        return new TreeSet<>(jdbc.sql("""
                        select i.member_interface from agent_interface i
                        join agent_group g on g.user_id = i.user_id
                        where g.group_name = ?""")
                .param(group).query(String.class).list());
    }

    /**
     * Which of these interfaces (any case) are mapped to an agent other than {@code userId}: the
     * interface as asked to its agent.
     */
    Map<String, String> ownersOtherThan(String userId, Collection<String> interfaces) {
        Map<String, String> ownerByKey = new LinkedHashMap<>();
        jdbc.sql("select lower(member_interface) as key, user_id from agent_interface where lower(member_interface) = any(?) and user_id <> ?")
                .params(interfaces.stream().map(Agent::interfaceKey).toArray(String[]::new), userId)
                .query(rs -> { ownerByKey.put(rs.getString("key"), rs.getString("user_id")); });
        Map<String, String> owners = new LinkedHashMap<>();
        for (String asked : interfaces) {
            String owner = ownerByKey.get(Agent.interfaceKey(asked));
            if (owner != null) {
                owners.put(asked, owner);
            }
        }
        return owners;
    }

    /** Inserts the agent unless it exists; true when it was inserted. Waits for a concurrent insert of the same id. */
    boolean insertIfAbsent(String userId, String displayName) {
        return jdbc.sql("insert into agent (user_id, display_name) values (?, ?) on conflict (user_id) do nothing")
                .params(userId, displayName).update() == 1;
    }

    /** True when the agent exists (and is now locked until the transaction ends). */
    boolean updateDisplayName(String userId, String displayName) {
        return jdbc.sql("update agent set display_name = ?, updated_at = now() where user_id = ?")
                .params(displayName, userId).update() == 1;
    }

    /** Replaces the agent's interfaces, queues and groups. */
    void replaceMemberships(String userId, AgentDetails details) {
        jdbc.sql("delete from agent_interface where user_id = ?").param(userId).update();
        jdbc.sql("delete from agent_queue where user_id = ?").param(userId).update();
        jdbc.sql("delete from agent_group where user_id = ?").param(userId).update();
        for (String memberInterface : details.interfaces()) {
            jdbc.sql("insert into agent_interface (member_interface, user_id) values (?, ?)")
                    .params(memberInterface, userId).update();
        }
        for (String queue : details.queues()) {
            jdbc.sql("insert into agent_queue (user_id, queue) values (?, ?)").params(userId, queue).update();
        }
        for (String group : details.groups()) {
            jdbc.sql("insert into agent_group (user_id, group_name) values (?, ?)").params(userId, group).update();
        }
    }

    /** Deletes the agent with its interfaces, queues and groups; false when there was none. */
    boolean delete(String userId) {
        return jdbc.sql("delete from agent where user_id = ?").param(userId).update() == 1;
    }

    private static Agent map(ResultSet rs, int row) throws SQLException {
        return new Agent(rs.getString("user_id"), rs.getString("display_name"), strings(rs.getArray("interfaces")),
                strings(rs.getArray("queues")), strings(rs.getArray("groups")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static Set<String> strings(Array array) throws SQLException {
        return new TreeSet<>(Arrays.asList((String[]) array.getArray()));
    }
}
