package com.rtcusage.sweep;

import com.rtcusage.flow.FlowNames;
import com.rtcusage.publish.TopicReadBack;
import com.rtcusage.stop.SweepGate;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StartupListener;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.support.cluster.ClusterServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * With leader election on, what the Lease means for sweeps beyond the trigger routes' policy: an
 * instance that is not the holder sends no request, so a sweep in flight when the Lease is lost
 * stops at its next app; an instance that gains the Lease forgets what it read back earlier (the
 * other pod published meanwhile) and, with {@code run-on-startup}, sweeps at once, every time it
 * gains it (a timer route would fire on the first leadership only). Not in check mode, which
 * sweeps nothing and so needs no Lease.
 */
@Component
@ConditionalOnExpression("${camel.cluster.kubernetes.enabled:false} and !${rtc-usage.check:false}")
public class LeadershipSweeps implements CamelClusterEventListener.Leadership, StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(LeadershipSweeps.class);

    private final CamelContext camel;
    private final SweepGate gate;
    private final TopicReadBack readBack;
    private final ProducerTemplate producer;
    private final boolean sweepOnLeadership;
    private final AtomicBoolean listening = new AtomicBoolean();
    private boolean leader;

    public LeadershipSweeps(CamelContext camel, SweepGate gate, TopicReadBack readBack, ProducerTemplate producer,
            @Value("${rtc-usage.schedule.run-on-startup:true}") boolean sweepOnLeadership) throws Exception {
        this.camel = camel;
        this.gate = gate;
        this.readBack = readBack;
        this.producer = producer;
        this.sweepOnLeadership = sweepOnLeadership;
        gate.close(SweepGate.Reason.NOT_LEADER);
        camel.addStartupListener(this);
    }

    /** Listens to the Lease of the trigger routes once the cluster service runs. */
    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        if (!listening.compareAndSet(false, true)) {
            return; // Camel tells its startup listeners again as routes start later
        }
        CamelClusterView view = ClusterServiceHelper.mandatoryLookupService(camel).getView(LeaderOnlyTriggers.LOCK);
        view.addEventListener(this);
        LOG.info("Listening to the Lease of lock group {}", LeaderOnlyTriggers.LOCK);
        leadershipChanged(view, null);
    }

    /** Asks the local member, as Camel's own ClusteredRoutePolicy does: the event's member may be a copy. */
    @Override
    public synchronized void leadershipChanged(CamelClusterView view, CamelClusterMember holder) {
        boolean local = view.getLocalMember().isLeader();
        LOG.debug("Lease of lock group {}: held by {}, this instance leads: {}", view.getNamespace(), holder, local);
        if (local == leader) {
            return;
        }
        leader = local;
        if (!local) {
            gate.close(SweepGate.Reason.NOT_LEADER);
            LOG.info("Not the sweep leader: no further ListUsages request leaves this instance");
            return;
        }
        readBack.forget();
        gate.open(SweepGate.Reason.NOT_LEADER);
        LOG.info("Sweep leader now: the published state is read back before the first sweep");
        if (sweepOnLeadership) {
            producer.asyncSendBody(FlowNames.SWEEP, null);
        }
    }
}
