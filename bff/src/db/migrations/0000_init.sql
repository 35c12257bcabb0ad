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
	FOREIGN KEY (`beneficiary_id`) REFERENCES `beneficiaries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_beneficiary_district` ON `accounts` (`beneficiary_id`,`district_code`);--> statement-breakpoint
CREATE INDEX `accounts_number_idx` ON `accounts` (`account_number_idx`);--> statement-breakpoint
CREATE INDEX `accounts_district_status` ON `accounts` (`district_code`,`status`);--> statement-breakpoint
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
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action` ON `audit_log` (`action`);--> statement-breakpoint
CREATE TABLE `bank_verifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`beneficiary_id` integer NOT NULL,
	`account_number_idx` text NOT NULL,
	`result` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bank_verifications_account` ON `bank_verifications` (`account_number_idx`,`at`);--> statement-breakpoint
CREATE INDEX `bank_verifications_person` ON `bank_verifications` (`beneficiary_id`,`at`);--> statement-breakpoint
CREATE TABLE `beneficiaries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`gender` text NOT NULL,
	`birth_date` text NOT NULL,
	`id_number_enc` text NOT NULL,
	`id_number_idx` text NOT NULL,
	`id_number_last4` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `beneficiaries_id_number_idx` ON `beneficiaries` (`id_number_idx`);--> statement-breakpoint
CREATE INDEX `beneficiaries_name` ON `beneficiaries` (`name`);--> statement-breakpoint
CREATE TABLE `caseworkers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`name` text NOT NULL,
	`district_code` text NOT NULL,
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
	`applied_at` text NOT NULL,
	`finished_at` text,
	`reviewer_id` integer,
	`review_opinion` text,
	FOREIGN KEY (`beneficiary_id`) REFERENCES `beneficiaries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `caseworkers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `change_requests_one_pending` ON `change_requests` (`beneficiary_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `change_requests_beneficiary` ON `change_requests` (`beneficiary_id`,`applied_at`);--> statement-breakpoint
CREATE INDEX `change_requests_district_status` ON `change_requests` (`district_code`,`status`,`applied_at`);--> statement-breakpoint
CREATE INDEX `change_requests_account_idx` ON `change_requests` (`account_number_idx`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`beneficiary_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`kind` text NOT NULL,
	`bank_code` text NOT NULL,
	`account_number_masked` text NOT NULL,
	`district_code` text NOT NULL,
	`message` text NOT NULL,
	`occurred_at` text NOT NULL,
	`read_at` text,
	FOREIGN KEY (`beneficiary_id`) REFERENCES `beneficiaries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_beneficiary` ON `notifications` (`beneficiary_id`,`occurred_at`);--> statement-breakpoint
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
CREATE TABLE `validation_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`checked` integer DEFAULT 0 NOT NULL,
	`invalidated` integer DEFAULT 0 NOT NULL,
	`cursor` integer DEFAULT 0 NOT NULL,
	`error` text
);
