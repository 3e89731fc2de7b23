package dev.svod.states;

import java.time.Instant;

/** A registered state machine, as DescribeStateMachine returns it. */
public record StateMachineRecord(
    String name,
    String arn,
    String definition,
    String roleArn,
    String type,
    Instant creationDate,
    Instant updateDate) {}
