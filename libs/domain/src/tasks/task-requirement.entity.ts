import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Task } from './task.entity';

/** One capability a task asks for, with its weight and whether it is a hard filter. */
@Entity({ name: 'task_requirements' })
export class TaskRequirement {
  @PrimaryColumn({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @PrimaryColumn({ name: 'capability_code', type: 'varchar', length: 64 })
  capabilityCode!: string;

  @Column({ type: 'real' })
  weight!: number;

  @Column({ type: 'boolean', default: false })
  required!: boolean;

  @Column({ type: 'smallint' })
  position!: number;

  @ManyToOne('Task', 'requirements', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Task;
}
