import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'users' })
export class UserRow {
  @PrimaryColumn('uuid') id: string;
  @Column('text') email: string;
  @Column('text', { name: 'display_name' }) displayName: string;
  @Column('text', { name: 'password_hash' }) passwordHash: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
