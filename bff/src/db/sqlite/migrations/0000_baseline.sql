CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`beneficiary_id` integer NOT NULL,
	`district_code` text NOT NULL,
	`card_type` text NOT NULL,
	`bank_code` text NOT NULL,
	`account_number_enc` text NOT NULL,
	`account_number_idx` text NOT NULL,
	`account_number_masked` text NOT NULL,
	`status` text DEFAULT 'valid' NOT NULL,
	`source` text DEFAULT 'ykt' NOT NULL,
	`invalid_reason` text,
	`invalid_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`beneficiary_id`) REFERENCES `beneficiaries`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "accounts_status" CHECK("accounts"."status" in ('valid', 'invalid'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_beneficiary_district` ON `accounts` (`beneficiary_id`,`district_code`);--> statement-breakpoint
CREATE INDEX `accounts_number_idx` ON `accounts` (`account_number_idx`);--> statement-breakpoint
CREATE INDEX `accounts_district_id` ON `accounts` (`district_code`,`id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target` text,
	`detail` text,
	`ip` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_action` ON `audit_log` (`action`,`id`);--> statement-breakpoint
CREATE TABLE `bank_verifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`beneficiary_id` integer NOT NULL,
	`account_number_idx` text NOT NULL,
	`result` text NOT NULL,
	`at` text NOT NULL,
	`answered_at` text
);
--> statement-breakpoint
CREATE INDEX `bank_verifications_account` ON `bank_verifications` (`account_number_idx`,`at`);--> statement-breakpoint
CREATE INDEX `bank_verifications_person` ON `bank_verifications` (`beneficiary_id`,`at`);--> statement-breakpoint
CREATE UNIQUE INDEX `bank_verifications_one_in_flight` ON `bank_verifications` (`beneficiary_id`) WHERE result = 'pending';--> statement-breakpoint
CREATE TABLE `beneficiaries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`gender` text NOT NULL,
	`birth_year` integer NOT NULL,
	`id_number_enc` text NOT NULL,
	`id_number_idx` text NOT NULL,
	`id_last4_idx` text NOT NULL,
	`mobile_enc` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `beneficiaries_id_number_idx` ON `beneficiaries` (`id_number_idx`);--> statement-breakpoint
CREATE INDEX `beneficiaries_name` ON `beneficiaries` (`name`);--> statement-breakpoint
CREATE INDEX `beneficiaries_id_last4` ON `beneficiaries` (`id_last4_idx`);--> statement-breakpoint
CREATE TABLE `caseworkers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`name` text NOT NULL,
	`district_code` text NOT NULL,
	`disabled_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `caseworkers_username_unique` ON `caseworkers` (`username`);--> statement-breakpoint
CREATE TABLE `change_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`beneficiary_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`district_code` text NOT NULL,
	`applicant_name` text NOT NULL,
	`channel` text NOT NULL,
	`card_type` text NOT NULL,
	`bank_code` text NOT NULL,
	`account_number_enc` text NOT NULL,
	`account_number_idx` text NOT NULL,
	`account_number_masked` text NOT NULL,
	`prev_card_type` text,
	`prev_bank_code` text NOT NULL,
	`prev_account_number_enc` text NOT NULL,
	`prev_account_number_masked` text NOT NULL,
	`reason` text,
	`consent_at` text NOT NULL,
	`status` text NOT NULL,
	`failure_reason` text,
	`verification_id` integer,
	`applied_at` text NOT NULL,
	`finished_at` text,
	`reviewer_id` integer,
	`review_opinion` text,
	FOREIGN KEY (`beneficiary_id`) REFERENCES `beneficiaries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verification_id`) REFERENCES `bank_verifications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `caseworkers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "change_requests_status" CHECK("change_requests"."status" in ('pending', 'approved', 'rejected', 'withdrawn', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `change_requests_one_pending` ON `change_requests` (`beneficiary_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `change_requests_beneficiary` ON `change_requests` (`beneficiary_id`,`applied_at`);--> statement-breakpoint
CREATE INDEX `change_requests_district_queue` ON `change_requests` (`district_code`,`status`,`applied_at`,`id`);--> statement-breakpoint
CREATE INDEX `change_requests_queue` ON `change_requests` (`status`,`applied_at`,`id`);--> statement-breakpoint
CREATE INDEX `change_requests_district_time` ON `change_requests` (`district_code`,`applied_at`,`id`);--> statement-breakpoint
CREATE INDEX `change_requests_time` ON `change_requests` (`applied_at`,`id`);--> statement-breakpoint
CREATE INDEX `change_requests_applicant` ON `change_requests` (`applicant_name`,`status`,`district_code`,`applied_at`,`id`);--> statement-breakpoint
CREATE INDEX `change_requests_bank` ON `change_requests` (`bank_code`,`status`,`district_code`,`applied_at`,`id`);--> statement-breakpoint
CREATE INDEX `change_requests_account_idx` ON `change_requests` (`account_number_idx`);--> statement-breakpoint
CREATE TABLE `district_settings` (
	`district_code` text PRIMARY KEY NOT NULL,
	`review_days` integer NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`updated_by`) REFERENCES `caseworkers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username_key` text NOT NULL,
	`ip` text NOT NULL,
	`ok` integer,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_key` ON `login_attempts` (`username_key`,`ip`,`at`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`beneficiary_id` integer NOT NULL,
	`account_id` integer,
	`request_id` integer,
	`kind` text NOT NULL,
	`bank_code` text NOT NULL,
	`account_number_masked` text NOT NULL,
	`district_code` text NOT NULL,
	`district_codes` text NOT NULL,
	`message` text NOT NULL,
	`occurred_at` text NOT NULL,
	`read_at` text,
	FOREIGN KEY (`beneficiary_id`) REFERENCES `beneficiaries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `change_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_beneficiary` ON `notifications` (`beneficiary_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`beneficiary_id` integer NOT NULL,
	`template` text NOT NULL,
	`params` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`lease_until` text,
	`message_id` text,
	`last_error` text,
	`created_at` text NOT NULL,
	`sent_at` text,
	FOREIGN KEY (`beneficiary_id`) REFERENCES `beneficiaries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_beneficiary` ON `outbox` (`beneficiary_id`);--> statement-breakpoint
CREATE TABLE `payment_batches` (
	`batch_id` text PRIMARY KEY NOT NULL,
	`district_code` text NOT NULL,
	`item_code` text NOT NULL,
	`period` text NOT NULL,
	`paid_at` text NOT NULL,
	`content_hash` text NOT NULL,
	`lines` integer NOT NULL,
	`paid` integer NOT NULL,
	`failed` integer NOT NULL,
	`invalidated` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`paid_fen` integer NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`beneficiary_id` integer NOT NULL,
	`district_code` text NOT NULL,
	`item_code` text NOT NULL,
	`period` text NOT NULL,
	`year` integer NOT NULL,
	`paid_at` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`status` text NOT NULL,
	`failure_code` text,
	`failure_reason` text,
	`bank_code` text NOT NULL,
	`account_number_enc` text NOT NULL,
	`account_number_idx` text NOT NULL,
	`account_number_masked` text NOT NULL,
	`notification_id` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `payment_batches`(`batch_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`beneficiary_id`) REFERENCES `beneficiaries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`notification_id`) REFERENCES `notifications`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payments_amount" CHECK("payments"."amount_fen" > 0),
	CONSTRAINT "payments_status" CHECK("payments"."status" in ('paid', 'failed')),
	CONSTRAINT "payments_failure" CHECK(("payments"."status" = 'paid' and "payments"."failure_code" is null and "payments"."failure_reason" is null) or ("payments"."status" = 'failed' and "payments"."failure_code" is not null and "payments"."failure_reason" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_batch_line` ON `payments` (`batch_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `payments_person_year` ON `payments` (`beneficiary_id`,`year`,`paid_at`,`id`);--> statement-breakpoint
CREATE TABLE `qr_tickets` (
	`ticket` text PRIMARY KEY NOT NULL,
	`secret_hash` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`beneficiary_id` integer,
	`session_id` text,
	`token_delivered_at` text,
	FOREIGN KEY (`beneficiary_id`) REFERENCES `beneficiaries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `qr_tickets_expires` ON `qr_tickets` (`expires_at`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`hits` integer NOT NULL,
	`reset_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`role` text NOT NULL,
	`subject_id` integer NOT NULL,
	`channel` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE INDEX `sessions_subject` ON `sessions` (`role`,`subject_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `validation_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`heartbeat_at` text NOT NULL,
	`checked` integer DEFAULT 0 NOT NULL,
	`invalidated` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`cursor` integer DEFAULT 0 NOT NULL,
	`error` text,
	`error_code` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `validation_runs_one_running` ON `validation_runs` (`status`) WHERE status = 'running';